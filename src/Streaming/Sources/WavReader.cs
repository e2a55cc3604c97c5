using GenreStream.Streaming.Audio;

namespace GenreStream.Streaming.Sources;

/// <summary>
/// Streams samples from a RIFF/WAVE file or pipe: PCM 8 (unsigned), 16, 24 and 32-bit, IEEE float
/// 32 and 64-bit, plain or WAVE_FORMAT_EXTENSIBLE, 1..256 interleaved channels.
/// </summary>
/// <remarks>
/// Works on non-seekable streams and never loads the file: chunks before 'data' are skipped, and a
/// 'data' size of 0 or 0xFFFFFFFF (written by streaming recorders and by ffmpeg into a pipe) means
/// "until the end of the stream". A size larger than what follows just reads to the end; a
/// truncated final frame is dropped.
/// </remarks>
public sealed class WavReader : ISampleReader
{
    private readonly PcmFrameReader frames;

    /// <summary>Reads and validates the header, leaving <paramref name="stream"/> at the first sample.</summary>
    /// <param name="stream">The WAV bytes; read forward only. Owned by the reader unless <paramref name="leaveOpen"/>.
    /// If the constructor throws, the stream is left to the caller.</param>
    /// <param name="leaveOpen">True to keep <paramref name="stream"/> open when the reader is disposed.</param>
    /// <exception cref="AudioFormatException">The header is malformed or describes an unsupported encoding.</exception>
    public WavReader(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var layout = WavHeaderParser.Parse(stream);
        frames = new PcmFrameReader(stream, leaveOpen, layout.Encoding, layout.BigEndian, layout.Format, layout.DataBytes);
    }

    /// <inheritdoc/>
    public AudioFormat Format => frames.Format;

    /// <summary>Opens a WAV file; errors name the file.</summary>
    /// <exception cref="AudioFormatException">The file is not a supported WAV file.</exception>
    public static WavReader Open(string path) => HeaderedFile.Open(path, stream => new WavReader(stream));

    /// <inheritdoc/>
    public int Read(Span<float> buffer) => frames.Read(buffer);

    public void Dispose() => frames.Dispose();
}
