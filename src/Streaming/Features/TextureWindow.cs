namespace GenreStream.Streaming.Features;

/// <summary>
/// The vector a model classifies: frame features summarised over a texture window
/// (or, for the whole-clip baseline, the clip's spectrum).
/// </summary>
/// <remarks>Ownership: <see cref="Values"/> is lent, valid only during the <c>OnNext</c> call.</remarks>
/// <param name="Index">Window number since the stream began (one per classification step).</param>
/// <param name="StartSeconds">Start of the window's first frame, in seconds of audio.</param>
/// <param name="DurationSeconds">Audio the window covers, in seconds.</param>
/// <param name="FrameCount">Frames summarised (fewer than a full window only for a short stream).</param>
/// <param name="Values">The feature vector (<see cref="Model.Features.FeatureSpec.VectorLength"/> values).</param>
/// <param name="LevelDecibels">RMS level of the window in dBFS.</param>
public readonly record struct TextureWindow(
    long Index,
    double StartSeconds,
    double DurationSeconds,
    int FrameCount,
    ReadOnlyMemory<float> Values,
    float LevelDecibels)
{
    /// <summary>The window at <paramref name="span"/> with its summary <paramref name="values"/> (lent) and level.</summary>
    public TextureWindow(in TextureWindowSpan span, ReadOnlyMemory<float> values, float levelDecibels)
        : this(span.Index, span.StartSeconds, span.DurationSeconds, span.Frames, values, levelDecibels)
    {
    }

    /// <summary>Where the window lies in the audio.</summary>
    public TextureWindowSpan Span => new(Index, StartSeconds, DurationSeconds, FrameCount);
}
