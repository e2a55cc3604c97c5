using GenreStream.Streaming.Smoothing;

namespace GenreStream.Streaming.Tracking;

/// <summary>
/// Decides the current genre the way a listener would trust it: probabilities are smoothed; another
/// genre takes over only once it has led the current one by <see cref="TrackingOptions.Margin"/> for
/// <see cref="TrackingOptions.Hold"/>; windows below <see cref="TrackingOptions.SilenceThresholdDecibels"/>
/// are silence, which freezes everything (no flapping on a song's tail or between tracks), and the first
/// music after silence starts the smoothing afresh (the next track owes nothing to the last). Windows the
/// model's novelty detector calls unknown (speech, tones, noise: not one of its genres) freeze the smoothed
/// probabilities and the current genre the same way, without restarting the smoothing.
/// </summary>
/// <remarks>A state machine with no clock of its own: each update says when it happened. Never allocates.</remarks>
public sealed class GenreTracker
{
    private readonly TrackingOptions _options;
    private readonly IProbabilitySmoother _smoother;
    private readonly float[] _smoothed;
    private int _challenger = -1;
    private double _challengerSince;
    private bool _heardMusic;

    /// <param name="labels">Genres per probability vector.</param>
    /// <param name="options">Smoothing, hysteresis and silence settings.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem listed).</exception>
    public GenreTracker(int labels, TrackingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(labels, 1);
        options.EnsureValid();
        _options = options;
        _smoother = options.Smoothing.CreateSmoother(labels);
        _smoothed = new float[labels];

        // Before any music there is no evidence for any genre: equal odds, still a probability distribution
        // (a stream that starts silent reports finite probabilities summing to 1, not zeros).
        Array.Fill(_smoothed, 1f / labels);
    }

    /// <summary>Label index of the current genre, or -1 before the first music.</summary>
    public int Current { get; private set; } = -1;

    /// <summary>Whether the stream is in the silence state.</summary>
    public bool Silent { get; private set; }

    /// <summary>Whether the last window (not silent) was unknown audio.</summary>
    public bool Unknown { get; private set; }

    /// <summary>What the last window was: music, unknown or silence.</summary>
    public TrackStatus Status => Silent ? TrackStatus.Silence : Unknown ? TrackStatus.Unknown : TrackStatus.Music;

    /// <summary>The smoothed probabilities (frozen during silence; equal for every genre before the first music).</summary>
    public ReadOnlySpan<float> Smoothed => _smoothed;

    /// <summary>Folds in one window's probabilities.</summary>
    /// <param name="probabilities">The window's raw probabilities.</param>
    /// <param name="levelDecibels">The window's RMS level in dBFS.</param>
    /// <param name="timeSeconds">When the window happened, on the clock that hold times are measured on.</param>
    /// <param name="audioSeconds">Audio time of the window's end, reported in <see cref="GenreChange.TimeSeconds"/>.</param>
    /// <param name="silenceChanged">Whether the silence state changed at this window.</param>
    /// <param name="unknown">Whether the model's novelty detector called the window unknown audio.</param>
    /// <returns>The change of the current genre at this window, if any.</returns>
    public GenreChange? Update(ReadOnlySpan<float> probabilities, double levelDecibels, double timeSeconds, double audioSeconds, out bool silenceChanged, bool unknown = false)
    {
        var silent = !(levelDecibels >= _options.SilenceThresholdDecibels);
        silenceChanged = silent != Silent;
        Silent = silent;
        Unknown = !silent && unknown;
        if (silent || Unknown)
        {
            _challenger = -1;
            return null;
        }

        if (silenceChanged)
        {
            _smoother.Reset();
        }

        _smoother.Update(probabilities, timeSeconds).CopyTo(_smoothed);
        var top = ArgMax(_smoothed);
        if (!_heardMusic)
        {
            _heardMusic = true;
            Current = top;
            return new GenreChange(-1, top, audioSeconds, _smoothed[top]);
        }

        if (top == Current || _smoothed[top] - _smoothed[Current] < _options.Margin)
        {
            _challenger = -1;
            return null;
        }

        if (top != _challenger)
        {
            _challenger = top;
            _challengerSince = timeSeconds;
        }

        if (timeSeconds - _challengerSince < _options.Hold.TotalSeconds - 1e-9)
        {
            return null;
        }

        var change = new GenreChange(Current, top, audioSeconds, _smoothed[top]);
        Current = top;
        _challenger = -1;
        return change;
    }

    /// <summary>Index of the largest value (the first, on ties).</summary>
    internal static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var k = 1; k < values.Length; k++)
        {
            best = values[k] > values[best] ? k : best;
        }

        return best;
    }
}
