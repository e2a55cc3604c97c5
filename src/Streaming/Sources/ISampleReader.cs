using GenreStream.Streaming.Audio;

namespace GenreStream.Streaming.Sources;

/// <summary>
/// A pull source of interleaved float samples (the shape of NAudio's <c>ISampleProvider</c>):
/// WAV and AU files, ffmpeg's output, raw PCM on a pipe.
/// </summary>
/// <remarks>
/// Readers validate their header when they are opened and throw <see cref="AudioFormatException"/>
/// with a one-line reason for bad input; they never allocate in proportion to a size a header
/// declares. Non-finite samples (NaN, infinity) are replaced by 0 so they cannot poison features.
/// </remarks>
public interface ISampleReader : IDisposable
{
    /// <summary>Sample rate and channel count of what <see cref="Read"/> returns.</summary>
    AudioFormat Format { get; }

    /// <summary>
    /// Fills <paramref name="buffer"/> with interleaved samples and returns how many were written:
    /// always a whole number of sample frames, 0 only at the end of the stream.
    /// </summary>
    /// <param name="buffer">Destination; its length must be at least <see cref="AudioFormat.Channels"/>.</param>
    /// <exception cref="AudioFormatException">The stream turned out to be malformed while reading.</exception>
    int Read(Span<float> buffer);
}
