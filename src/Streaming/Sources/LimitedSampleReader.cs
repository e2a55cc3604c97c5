using GenreStream.Streaming.Audio;

namespace GenreStream.Streaming.Sources;

/// <summary>Ends a reader after a number of seconds of audio (<c>--duration</c>).</summary>
public sealed class LimitedSampleReader(ISampleReader inner, double seconds) : ISampleReader
{
    private readonly long _limit = (long)Math.Round(seconds * inner.Format.SampleRate);
    private long _frames;

    /// <inheritdoc/>
    public AudioFormat Format => inner.Format;

    /// <summary>Called once when the limit, rather than the source, ends the stream.</summary>
    public Action? OnLimit { get; init; }

    public int Read(Span<float> buffer)
    {
        var channels = Format.Channels;
        var room = (int)Math.Min(buffer.Length / channels, _limit - _frames);
        if (room <= 0)
        {
            OnLimit?.Invoke();
            return 0;
        }

        var count = inner.Read(buffer[..(room * channels)]);
        _frames += count / channels;
        return count;
    }

    public void Dispose() => inner.Dispose();
}
