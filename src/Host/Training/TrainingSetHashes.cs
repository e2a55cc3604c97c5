using System.Security.Cryptography;

namespace GenreStream.Host.Training;

/// <summary>
/// Which recordings a model was trained on, by content: the first 16 hex digits of each file's SHA-256, keyed
/// by the path as the data set names it. Recorded in the model file, so <c>genre evaluate</c> can say when it is
/// asked to judge a model on its own training data (which is optimistic), whatever the files are called now.
/// </summary>
internal static class TrainingSetHashes
{
    /// <summary>Content hashes of the clips' files (files that cannot be read are left out).</summary>
    public static Dictionary<string, string> Of(IEnumerable<LabelledClip> clips)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var clip in clips)
        {
            if (Of(clip.Path) is { } hash)
            {
                hashes[clip.Name] = hash;
            }
        }

        return hashes;
    }

    /// <summary>The content hash of one file, or null when it cannot be read.</summary>
    public static string? Of(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream).AsSpan(0, 8));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
