using System.Globalization;

namespace GenreStream.Model.Files;

/// <summary>
/// Reads another stream up to a number of bytes and fails past it, so that a file a user names (a model padded
/// to a gigabyte, <c>/dev/zero</c>, a settings file linked to a device) cannot make the program read without end.
/// </summary>
/// <param name="inner">The stream read; disposed with this one.</param>
/// <param name="maxBytes">The most that may be read.</param>
/// <param name="what">What the file is, for the message (e.g. "a model file").</param>
public sealed class SizeLimitedStream(Stream inner, long maxBytes, string what) : ReadOnlyStream(inner)
{
    private long _read;

    /// <summary>The one-line problem of a file over <paramref name="maxBytes"/>.</summary>
    public static IOException TooLarge(long maxBytes, string what) =>
        new(string.Create(CultureInfo.InvariantCulture, $"larger than {Describe(maxBytes)}, the most {what} may be"));

    /// <summary>A size for people: 64 MB, 1 MB, 512 KB.</summary>
    public static string Describe(long bytes) => bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB");

    public override int Read(Span<byte> buffer)
    {
        // Ask for one byte past the limit at most: a file of exactly the limit is fine, one byte more is not.
        var allowed = (int)Math.Min(buffer.Length, maxBytes - _read + 1);
        var n = Inner.Read(buffer[..allowed]);
        _read += n;
        if (_read > maxBytes)
        {
            throw TooLarge(maxBytes, what);
        }

        return n;
    }
}
