using GenreStream.Streaming.Audio;

namespace GenreStream.Streaming.Sources;

/// <summary>
/// The streaming core shared by the WAV, AU and raw readers: pulls whole sample frames of packed PCM
/// from a stream through one preallocated byte buffer and decodes them to interleaved floats.
/// </summary>
/// <remarks>
/// The buffer is sized from the frame size only (never from a declared data length), so a header
/// claiming gigabytes costs nothing. A partial frame at the end of the stream is dropped.
/// </remarks>
internal sealed class PcmFrameReader : IDisposable
{
    private const int TargetBufferBytes = 64 * 1024;

    private readonly Stream stream;
    private readonly bool leaveOpen;
    private readonly SampleEncoding encoding;
    private readonly bool bigEndian;
    private readonly int frameBytes;
    private readonly byte[] buffer;
    private long? remainingBytes;
    private int pendingBytes;
    private bool ended;
    private bool disposed;

    /// <param name="stream">Positioned at the first sample byte.</param>
    /// <param name="leaveOpen">True to keep <paramref name="stream"/> open on dispose.</param>
    /// <param name="encoding">How each sample is stored.</param>
    /// <param name="bigEndian">Byte order of multi-byte samples.</param>
    /// <param name="format">Sample rate and channel count, already validated.</param>
    /// <param name="dataBytes">Bytes of sample data the container declares, or null to read until the stream ends.</param>
    public PcmFrameReader(Stream stream, bool leaveOpen, SampleEncoding encoding, bool bigEndian, AudioFormat format, long? dataBytes)
    {
        this.stream = stream;
        this.leaveOpen = leaveOpen;
        this.encoding = encoding;
        this.bigEndian = bigEndian;
        Format = format;
        remainingBytes = dataBytes;
        frameBytes = SampleDecoder.BytesPerSample(encoding) * format.Channels;
        buffer = new byte[Math.Max(1, TargetBufferBytes / frameBytes) * frameBytes];
    }

    public AudioFormat Format { get; }

    public int Read(Span<float> destination)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var channels = Format.Channels;
        if (destination.Length < channels)
        {
            throw new ArgumentException($"buffer holds {destination.Length} samples; at least one frame ({channels} samples) is needed", nameof(destination));
        }

        if (ended)
        {
            return 0;
        }

        var wantedBytes = Math.Min(destination.Length / channels, buffer.Length / frameBytes) * frameBytes;
        while (pendingBytes < frameBytes)
        {
            var toRead = wantedBytes - pendingBytes;
            if (remainingBytes is { } remaining)
            {
                toRead = (int)Math.Min(toRead, remaining);
            }

            var n = toRead > 0 ? stream.Read(buffer, pendingBytes, toRead) : 0;
            if (n == 0)
            {
                ended = true;
                return 0;
            }

            pendingBytes += n;
            remainingBytes -= n;
        }

        var frames = Math.Min(pendingBytes, wantedBytes) / frameBytes;
        var usedBytes = frames * frameBytes;
        SampleDecoder.Decode(buffer.AsSpan(0, usedBytes), destination, encoding, bigEndian);
        pendingBytes -= usedBytes;
        buffer.AsSpan(usedBytes, pendingBytes).CopyTo(buffer);
        return frames * channels;
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (!leaveOpen)
        {
            stream.Dispose();
        }
    }
}
