using GenreStream.Streaming.Audio;

namespace GenreStream.Streaming.Sources;

/// <summary>
/// Plays a finite reader at real-time pace: each read waits until the wall clock (from
/// <see cref="TimeProvider"/>) has caught up with the audio already delivered, as if it came from a device.
/// </summary>
public sealed class PacedSampleReader(ISampleReader inner, TimeProvider time) : ISampleReader
{
    private readonly long _start = time.GetTimestamp();
    private long _frames;

    /// <inheritdoc/>
    public AudioFormat Format => inner.Format;

    public int Read(Span<float> buffer)
    {
        var ahead = TimeSpan.FromSeconds((double)_frames / Format.SampleRate) - time.GetElapsedTime(_start);
        if (ahead > TimeSpan.Zero)
        {
            Thread.Sleep(ahead);
        }

        var count = inner.Read(buffer);
        _frames += count / Format.Channels;
        return count;
    }

    public void Dispose() => inner.Dispose();
}
