using GenreStream.Streaming.Smoothing;

namespace GenreStream.Streaming.Tracking;

/// <summary>One classification step with what a listener sees: smoothed probabilities, the current genre (with hysteresis) and the silence state.</summary>
/// <remarks>Ownership: every buffer is lent, valid only during the <c>OnNext</c> call.</remarks>
/// <param name="Prediction">The raw and smoothed probabilities.</param>
/// <param name="Current">Label index of the current genre, or -1 before the first music.</param>
/// <param name="Silent">Whether the stream is in the silence state (this window was below the threshold).</param>
/// <param name="Change">Set when the current genre changed at this step.</param>
/// <param name="SilenceChanged">Whether <paramref name="Silent"/> changed at this step.</param>
/// <param name="Status">Music, unknown audio, or silence.</param>
public readonly record struct TrackedPrediction(SmoothedPrediction Prediction, int Current, bool Silent, GenreChange? Change, bool SilenceChanged, TrackStatus Status = TrackStatus.Music)
{
    /// <summary>Audio time at the end of the window, in seconds.</summary>
    public double TimeSeconds => Prediction.Raw.StartSeconds + Prediction.Raw.DurationSeconds;

    /// <summary>Label index of the top smoothed genre (which may differ from <see cref="Current"/> until it has led long enough).</summary>
    public int Top => Model.Softmax.Probabilities.ArgMax(Prediction.Smoothed.Span);

    /// <summary>The current genre's smoothed probability (0 before the first music).</summary>
    public float Confidence => Current >= 0 ? Prediction.Smoothed.Span[Current] : 0;
}
