using GenreStream.Streaming.Smoothing;

namespace GenreStream.Streaming.Tracking;

/// <summary>
/// What makes the "current genre" trustworthy: smoothing, hysteresis (another genre must lead by
/// <see cref="Margin"/> for <see cref="Hold"/> before it takes over) and a silence threshold.
/// Immutable; <see cref="Validate"/> lists every problem at once.
/// </summary>
public sealed record TrackingOptions
{
    /// <summary>The defaults: 4 s exponential smoothing, a 0.10 margin held 3 s, silence below −55 dBFS.</summary>
    public static TrackingOptions Default { get; } = new();

    public SmoothingOptions Smoothing { get; init; } = SmoothingOptions.Default;

    /// <summary>How far (in smoothed probability, 0 to 1) a challenger must lead the current genre.</summary>
    public double Margin { get; init; } = 0.10;

    /// <summary>How long the challenger must keep that lead before it becomes the current genre.</summary>
    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A window whose RMS level is below this (dBFS) is silence: the smoothed probabilities and the current
    /// genre stay as they were, and music after silence starts the smoothing afresh.
    /// <see cref="double.NegativeInfinity"/> turns silence detection off.
    /// </summary>
    public double SilenceThresholdDecibels { get; init; } = DefaultSilenceThresholdDecibels;

    /// <summary>The default of <see cref="SilenceThresholdDecibels"/> (dBFS).</summary>
    public const double DefaultSilenceThresholdDecibels = -55;

    /// <summary>Every problem with these options (smoothing included), or none.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(Smoothing?.Validate() ?? ["smoothing options are missing"]);
        if (!(Margin >= 0 && Margin <= 1))
        {
            errors.Add($"margin {Margin} must be from 0 to 1");
        }

        if (Hold < TimeSpan.Zero || Hold > TimeSpan.FromHours(1))
        {
            errors.Add($"hold {Hold.TotalSeconds} s must be from 0 to 3600 s");
        }

        if (double.IsNaN(SilenceThresholdDecibels) || SilenceThresholdDecibels > 0 || (SilenceThresholdDecibels < -200 && !double.IsNegativeInfinity(SilenceThresholdDecibels)))
        {
            errors.Add($"silence threshold {SilenceThresholdDecibels} dBFS must be from -200 to 0");
        }

        return errors;
    }

    /// <exception cref="ArgumentException">Every problem, in one message.</exception>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors));
        }
    }
}
