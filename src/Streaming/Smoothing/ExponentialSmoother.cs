namespace GenreStream.Streaming.Smoothing;

/// <summary>
/// Exponential moving average of a probability vector with a time constant in seconds:
/// s ← s + α (p − s), α = 1 − exp(−Δt / τ), where Δt is the audio time since the previous update.
/// After τ seconds of a steady input the average has moved 63% of the way to it; uneven steps are
/// weighted by their length, so the result does not depend on how often updates come.
/// </summary>
/// <remarks>The first update sets the average to its input. Preallocated; never allocates.</remarks>
public sealed class ExponentialSmoother : IProbabilitySmoother
{
    private readonly float[] _state;
    private double _lastTime;
    private bool _started;
    private double _timeConstantSeconds;

    /// <param name="length">Values per vector.</param>
    /// <param name="timeConstantSeconds">τ in seconds; 0 disables smoothing (output = input).</param>
    public ExponentialSmoother(int length, double timeConstantSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        _state = new float[length];
        TimeConstantSeconds = timeConstantSeconds;
    }

    /// <summary>
    /// τ in seconds. May change between updates (a plugin's control port): the next update
    /// uses the new value for the whole step since the previous one.
    /// </summary>
    public double TimeConstantSeconds
    {
        get => _timeConstantSeconds;
        set
        {
            if (!(value >= 0) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The smoothing time constant must be a finite number of seconds, 0 or more.");
            }

            _timeConstantSeconds = value;
        }
    }

    /// <summary>The current average.</summary>
    public ReadOnlySpan<float> Current => _state;

    public void Reset() => _started = false;

    /// <summary>Folds in <paramref name="values"/> observed at <paramref name="timeSeconds"/>; returns the new average.</summary>
    public ReadOnlySpan<float> Update(ReadOnlySpan<float> values, double timeSeconds)
    {
        if (!_started || TimeConstantSeconds == 0)
        {
            values[.._state.Length].CopyTo(_state);
            _started = true;
            _lastTime = timeSeconds;
            return _state;
        }

        var dt = Math.Max(0, timeSeconds - _lastTime);
        _lastTime = timeSeconds;
        var alpha = (float)(1 - Math.Exp(-dt / TimeConstantSeconds));
        for (var i = 0; i < _state.Length; i++)
        {
            _state[i] += alpha * (values[i] - _state[i]);
        }

        return _state;
    }
}
