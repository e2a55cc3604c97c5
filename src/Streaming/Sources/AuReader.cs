using GenreStream.Streaming.Audio;

namespace GenreStream.Streaming.Sources;

/// <summary>
/// Streams samples from a Sun/NeXT .au file or pipe (GTZAN's original format: 16-bit big-endian PCM):
/// µ-law, A-law, 8/16/24/32-bit PCM and 32/64-bit float, 1..256 interleaved channels.
/// </summary>
/// <remarks>
/// A data size of 0xFFFFFFFF means "until the end of the stream"; a size larger than what follows
/// reads to the end; a truncated final frame is dropped.
/// </remarks>
public sealed class AuReader : ISampleReader
{
    private readonly PcmFrameReader frames;

    /// <summary>Reads and validates the header, leaving <paramref name="stream"/> at the first sample.</summary>
    /// <param name="stream">The AU bytes; read forward only. Owned by the reader unless <paramref name="leaveOpen"/>.
    /// If the constructor throws, the stream is left to the caller.</param>
    /// <param name="leaveOpen">True to keep <paramref name="stream"/> open when the reader is disposed.</param>
    /// <exception cref="AudioFormatException">The header is malformed or describes an unsupported encoding.</exception>
    public AuReader(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var layout = AuHeaderParser.Parse(stream);
        frames = new PcmFrameReader(stream, leaveOpen, layout.Encoding, layout.BigEndian, layout.Format, layout.DataBytes);
    }

    /// <inheritdoc/>
    public AudioFormat Format => frames.Format;

    /// <summary>Opens an AU file; errors name the file.</summary>
    /// <exception cref="AudioFormatException">The file is not a supported AU file.</exception>
    public static AuReader Open(string path) => HeaderedFile.Open(path, stream => new AuReader(stream));

    /// <inheritdoc/>
    public int Read(Span<float> buffer) => frames.Read(buffer);

    public void Dispose() => frames.Dispose();
}
