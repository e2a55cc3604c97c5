namespace GenreStream.Streaming.Smoothing;

/// <summary>How probabilities are smoothed over time.</summary>
public enum SmoothingMethod
{
    /// <summary>Exponential moving average with a time constant (<see cref="ExponentialSmoother"/>).</summary>
    Exponential,

    /// <summary>Plain mean of the last N windows (<see cref="MovingAverageSmoother"/>).</summary>
    MovingAverage,
}
