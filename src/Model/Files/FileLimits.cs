namespace GenreStream.Model.Files;

/// <summary>
/// The most the program reads of each kind of file a user names, and the reading itself: a file over its limit
/// is refused in one line after at most that many bytes (at once when its size is known), never read to the end.
/// </summary>
public static class FileLimits
{
    /// <summary>A model file (the bundled one is about 30 KB; one over 1000 features about 300 KB).</summary>
    public const long ModelBytes = 64L * 1024 * 1024;

    /// <summary><c>settings.json</c>.</summary>
    public const long SettingsBytes = 1024 * 1024;

    /// <summary>A feature spec file (<c>train --features spec.json</c>).</summary>
    public const long FeatureSpecBytes = 1024 * 1024;

    /// <summary>A data list (<c>train/evaluate --data list.tsv</c>): some half a million rows of paths.</summary>
    public const long DataListBytes = 64L * 1024 * 1024;

    /// <summary>Reads a whole text file (UTF-8, or as its byte-order mark says) of at most <paramref name="maxBytes"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The most it may hold.</param>
    /// <param name="what">What the file is, for the message (e.g. "a model file").</param>
    /// <exception cref="IOException">The file cannot be read, or it is larger than <paramref name="maxBytes"/>.</exception>
    public static string ReadAllText(string path, long maxBytes, string what)
    {
        using var reader = new StreamReader(OpenRead(path, maxBytes, what), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>Opens a file for reading at most <paramref name="maxBytes"/> (see <see cref="ReadAllText"/>).</summary>
    public static Stream OpenRead(string path, long maxBytes, string what)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, FileOptions.SequentialScan);
        try
        {
            if (file.CanSeek && file.Length > maxBytes)
            {
                throw SizeLimitedStream.TooLarge(maxBytes, what);
            }
        }
        catch
        {
            file.Dispose();
            throw;
        }

        return new SizeLimitedStream(file, maxBytes, what);
    }
}
