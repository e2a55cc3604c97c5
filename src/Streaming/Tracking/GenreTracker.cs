using GenreStream.Model.Softmax;
using GenreStream.Streaming.Classification;
using GenreStream.Streaming.Smoothing;

namespace GenreStream.Streaming.Tracking;

/// <summary>
/// Decides the current genre the way a listener would trust it: probabilities are smoothed; another
/// genre takes over only once it has led the current one by <see cref="TrackingOptions.Margin"/> for
/// <see cref="TrackingOptions.Hold"/>; windows below <see cref="TrackingOptions.SilenceThresholdDecibels"/>
/// are silence, which freezes everything (no flapping on a song's tail or between tracks), and the first
/// music after silence starts the smoothing afresh (the next track owes nothing to the last). Windows the
/// model's novelty detector calls unknown (speech, tones, noise: not one of its genres) freeze the smoothed
/// probabilities and the current genre the same way, without restarting the smoothing. After silence, windows
/// that still overlap the last silent window (half pause, half music: the model hears neither) show their own
/// probabilities but never switch the genre, and the smoothing starts afresh again at the first window wholly
/// after the pause, so a straddling window cannot seed it.
/// </summary>
/// <remarks>A state machine with no clock of its own: each update says when it happened. Never allocates.</remarks>
public sealed class GenreTracker
{
    private readonly IProbabilitySmoother _smoother;
    private readonly float[] _smoothed;
    private int _challenger = -1;
    private double _challengerSince;
    private bool _heardMusic;
    private double _silenceEndSeconds = double.NegativeInfinity;
    private bool _settling;

    /// <param name="labels">Genres per probability vector.</param>
    /// <param name="options">Smoothing, hysteresis and silence settings.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem listed).</exception>
    public GenreTracker(int labels, TrackingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(labels, 1);
        options.EnsureValid();
        _smoother = options.Smoothing.CreateSmoother(labels);
        SilenceThresholdDecibels = options.SilenceThresholdDecibels;
        Margin = options.Margin;
        Hold = options.Hold;
        _smoothed = new float[labels];

        // Before any music there is no evidence for any genre: equal odds, still a probability distribution
        // (a stream that starts silent reports finite probabilities summing to 1, not zeros).
        Array.Fill(_smoothed, 1f / labels);
    }

    /// <summary>Starts with <see cref="TrackingOptions.Margin"/>; may change between windows (an embedder's setting).</summary>
    public double Margin { get; set; }

    /// <summary>Starts with <see cref="TrackingOptions.Hold"/>; may change between windows (an embedder's setting).</summary>
    public TimeSpan Hold { get; set; }

    /// <summary>Starts with <see cref="TrackingOptions.SilenceThresholdDecibels"/>; may change between windows (a plugin's control port).</summary>
    public double SilenceThresholdDecibels { get; set; }

    /// <summary>
    /// Time constant of exponential smoothing in seconds (0 = none); may change between windows (a plugin's
    /// control port). 0 with moving-average smoothing, whose setting cannot change.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or not finite.</exception>
    /// <exception cref="InvalidOperationException">Set while smoothing by moving average.</exception>
    public double SmoothingSeconds
    {
        get => (_smoother as ExponentialSmoother)?.TimeConstantSeconds ?? 0;
        set => (_smoother as ExponentialSmoother ?? throw new InvalidOperationException("moving-average smoothing has no time constant")).TimeConstantSeconds = value;
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
    /// <param name="window">The window: its raw probabilities, level, audio times and whether it is unknown audio.</param>
    /// <param name="timeSeconds">When the window happened, on the clock that smoothing and hold times are measured on (<see cref="WindowClock"/>).</param>
    /// <param name="silenceChanged">Whether the silence state changed at this window.</param>
    /// <returns>The change of the current genre at this window, if any.</returns>
    public GenreChange? Update(in GenrePrediction window, double timeSeconds, out bool silenceChanged)
    {
        var probabilities = window.Probabilities.Span;
        var end = window.StartSeconds + window.DurationSeconds;
        var silent = !(window.LevelDecibels >= SilenceThresholdDecibels);
        silenceChanged = silent != Silent;
        Silent = silent;
        Unknown = !silent && window.IsUnknown;
        if (silent)
        {
            _silenceEndSeconds = end;
            _settling = true;
        }

        if (silent || Unknown)
        {
            _challenger = -1;
            return null;
        }

        // Music again: a window that overlaps the pause restarts the smoothing and cannot switch the genre;
        // the first window wholly after it restarts the smoothing once more.
        var straddles = _heardMusic && window.StartSeconds < _silenceEndSeconds - 1e-9;
        if (silenceChanged || _settling)
        {
            _smoother.Reset();
            _settling = straddles;
        }

        _smoother.Update(probabilities, timeSeconds).CopyTo(_smoothed);
        var top = Probabilities.ArgMax(_smoothed);
        if (!_heardMusic)
        {
            _heardMusic = true;
            Current = top;
            return new GenreChange(-1, top, end, _smoothed[top]);
        }

        if (straddles || top == Current || _smoothed[top] - _smoothed[Current] < Margin)
        {
            _challenger = -1;
            return null;
        }

        if (top != _challenger)
        {
            _challenger = top;
            _challengerSince = timeSeconds;
        }

        if (timeSeconds - _challengerSince < Hold.TotalSeconds - 1e-9)
        {
            return null;
        }

        var change = new GenreChange(Current, top, end, _smoothed[top]);
        Current = top;
        _challenger = -1;
        return change;
    }

    /// <summary>Folds in one window (<see cref="Update"/>) and returns what a listener sees after it.</summary>
    /// <remarks>The smoothed probabilities of the result are the tracker's own buffer: lent, valid until the next window.</remarks>
    public TrackedPrediction Track(in GenrePrediction window, double timeSeconds)
    {
        var change = Update(window, timeSeconds, out var silenceChanged);
        return new TrackedPrediction(new SmoothedPrediction(window, _smoothed), Current, Silent, change, silenceChanged, Status);
    }

    /// <summary>Forgets the stream: no genre, no silence, equal odds, as a new tracker with the current settings. Never allocates.</summary>
    public void Reset()
    {
        _smoother.Reset();
        Array.Fill(_smoothed, 1f / _smoothed.Length);
        _challenger = -1;
        _heardMusic = false;
        _silenceEndSeconds = double.NegativeInfinity;
        _settling = false;
        Current = -1;
        Silent = false;
        Unknown = false;
    }
}
