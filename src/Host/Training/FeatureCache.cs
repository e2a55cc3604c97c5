using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace GenreStream.Host.Training;

/// <summary>
/// Texture-window features of whole files, cached on disk by feature fingerprint and file identity
/// (full path, size, modification time), so re-training with other settings skips extraction.
/// Files are written atomically; a damaged entry is treated as missing.
/// </summary>
internal sealed class FeatureCache
{
    private const int Magic = 0x47465431; // "GFT1"
    private readonly string _folder;

    /// <param name="root">Cache root; entries go under <c>root/&lt;fingerprint&gt;/</c>.</param>
    /// <param name="fingerprint">The feature spec's fingerprint.</param>
    public FeatureCache(string root, string fingerprint)
    {
        _folder = Path.Combine(root, fingerprint);
    }

    /// <summary>The default root: <c>$XDG_CACHE_HOME/genre-stream/features</c> or <c>~/.cache/genre-stream/features</c>.</summary>
    public static string DefaultRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var baseFolder = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
            : xdg;
        return Path.Combine(baseFolder, "genre-stream", "features");
    }

    public bool TryGet(string path, out ClipFeatures features)
    {
        features = default!;
        var entry = EntryFor(path);
        if (entry is null || !File.Exists(entry))
        {
            return false;
        }

        try
        {
            var bytes = File.ReadAllBytes(entry);
            if (bytes.Length < 16)
            {
                return false;
            }

            var header = MemoryMarshal.Cast<byte, int>(bytes.AsSpan(0, 12));
            var seconds = BitConverter.ToSingle(bytes, 12);
            var (magic, rows, columns) = (header[0], header[1], header[2]);
            if (magic != Magic || rows < 0 || columns < 1 || bytes.Length != 16 + (4L * rows * columns))
            {
                return false;
            }

            var values = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(16)).ToArray();
            features = new ClipFeatures(values, rows, columns, seconds);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // an unreadable entry is a miss: the features are extracted again
        }
    }

    public void Put(string path, ClipFeatures features)
    {
        var entry = EntryFor(path);
        if (entry is null)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(_folder);
            var temporary = entry + "." + Environment.ProcessId + ".tmp";
            using (var stream = File.Create(temporary))
            {
                Span<int> header = [Magic, features.Rows, features.Columns];
                stream.Write(MemoryMarshal.AsBytes(header));
                stream.Write(BitConverter.GetBytes(features.Seconds));
                stream.Write(MemoryMarshal.AsBytes(features.Values.AsSpan()));
            }

            File.Move(temporary, entry, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs time.
        }
    }

    private string? EntryFor(string path)
    {
        try
        {
            var info = new FileInfo(path);
            var identity = $"{info.FullName}\n{info.Length}\n{info.LastWriteTimeUtc.Ticks}";
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)).AsSpan(0, 16));
            return Path.Combine(_folder, hash + ".f32");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
