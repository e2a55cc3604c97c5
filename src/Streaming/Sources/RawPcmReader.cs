using GenreStream.Streaming.Audio;

namespace GenreStream.Streaming.Sources;

/// <summary>
/// Streams headerless interleaved PCM, typically standard input fed by a pipe
/// (e.g. <c>ffmpeg -i x -f s16le -</c>), until the stream ends; a truncated final frame is dropped.
/// </summary>
public sealed class RawPcmReader : ISampleReader
{
    private readonly PcmFrameReader frames;

    /// <param name="stream">The raw samples; read forward only. Owned by the reader unless <paramref name="leaveOpen"/>.</param>
    /// <param name="format">How each sample is stored.</param>
    /// <param name="audioFormat">Sample rate (1..1,000,000 Hz) and channels (1..256) the producer used; nothing in the stream can confirm them.</param>
    /// <param name="leaveOpen">True to keep <paramref name="stream"/> open when the reader is disposed.</param>
    /// <exception cref="AudioFormatException">The rate or channel count is out of range.</exception>
    public RawPcmReader(Stream stream, RawSampleFormat format, AudioFormat audioFormat, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        FormatLimits.CheckSampleRate(audioFormat.SampleRate);
        FormatLimits.CheckChannels(audioFormat.Channels, "raw PCM format");
        var encoding = format switch
        {
            RawSampleFormat.S16LE => SampleEncoding.Int16,
            RawSampleFormat.F32LE => SampleEncoding.Float32,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "valid: S16LE, F32LE"),
        };
        frames = new PcmFrameReader(stream, leaveOpen, encoding, bigEndian: false, audioFormat, dataBytes: null);
    }

    /// <inheritdoc/>
    public AudioFormat Format => frames.Format;

    /// <inheritdoc/>
    public int Read(Span<float> buffer) => frames.Read(buffer);

    public void Dispose() => frames.Dispose();
}
