using GenreStream.Model.Features;

namespace GenreStream.Streaming.Features;

/// <summary>
/// Where a texture window lies in the audio: the one place that turns the accumulator's frame counts into
/// seconds, for the Rx stage, the block classifier and the bench alike.
/// </summary>
/// <param name="Index">Window number since the stream began.</param>
/// <param name="StartSeconds">Start of the window's first frame, in seconds of audio at the model's rate.</param>
/// <param name="DurationSeconds">Audio the window's frames cover, in seconds.</param>
/// <param name="Frames">Frames in the window (fewer than a full window only at the end of a short stream).</param>
public readonly record struct TextureWindowSpan(long Index, double StartSeconds, double DurationSeconds, int Frames)
{
    /// <summary>The window <paramref name="accumulator"/> is about to summarise (read it before <see cref="TextureAccumulator.Summarise"/>).</summary>
    public static TextureWindowSpan Next(TextureAccumulator accumulator, FeatureSpec spec)
    {
        var frames = accumulator.FramesInSummary;
        return new TextureWindowSpan(
            accumulator.WindowsEmitted,
            accumulator.FirstFrameOfSummary * (double)spec.HopSize / spec.SampleRate,
            (((frames - 1) * spec.HopSize) + spec.FrameSize) / (double)spec.SampleRate,
            frames);
    }
}
