namespace GenreStream.Streaming.Smoothing;

/// <summary>How the probabilities are smoothed: an exponential moving average with a time constant, or a moving average over a number of windows.</summary>
public sealed record SmoothingOptions
{
    /// <summary>Default time constant: long enough to steady the display, short enough to follow a new song.</summary>
    public static readonly TimeSpan DefaultTimeConstant = TimeSpan.FromSeconds(4);

    /// <summary>Exponential with the default time constant.</summary>
    public static SmoothingOptions Default { get; } = new();

    public SmoothingMethod Method { get; init; } = SmoothingMethod.Exponential;

    /// <summary>Time constant of <see cref="SmoothingMethod.Exponential"/> (0 = none), at most an hour.</summary>
    public TimeSpan TimeConstant { get; init; } = DefaultTimeConstant;

    /// <summary>Windows averaged by <see cref="SmoothingMethod.MovingAverage"/>, 1 to 1000.</summary>
    public int Windows { get; init; } = 3;

    /// <summary>Every problem with these options, or none.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Method))
        {
            errors.Add($"smoothing method {(int)Method} is not one of exponential, moving-average");
        }

        if (TimeConstant < TimeSpan.Zero || TimeConstant > TimeSpan.FromHours(1))
        {
            errors.Add($"smoothing time constant {TimeConstant.TotalSeconds} s must be from 0 to 3600 s");
        }

        if (Windows is < 1 or > 1000)
        {
            errors.Add($"smoothing windows {Windows} must be from 1 to 1000");
        }

        return errors;
    }

    /// <summary>A smoother for vectors of <paramref name="length"/> values.</summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem listed).</exception>
    public IProbabilitySmoother CreateSmoother(int length)
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors));
        }

        return Method == SmoothingMethod.Exponential
            ? new ExponentialSmoother(length, TimeConstant.TotalSeconds)
            : new MovingAverageSmoother(length, Windows);
    }
}
