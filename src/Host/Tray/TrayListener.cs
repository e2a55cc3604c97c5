using GenreStream.Host.Live;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Tray;

/// <summary>
/// The live pipeline behind <c>genre tray</c>: one <see cref="LiveSession"/> at a time, started again when the
/// source or the tracking options change, stopped while paused. A source that fails is tried again after
/// 1 s, then 2, 4… up to a minute (a device that comes back, an audio server that starts later); a file
/// that ends stays ended until another source is chosen. Events of a run already replaced are dropped.
/// </summary>
internal sealed class TrayListener(LiveSourceOptions options, LiveSetup setup, TimeProvider time, Action<LiveEvent> onEvent) : IDisposable
{
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private SourceSpec _source = options.Source;
    private TrackingOptions _tracking = setup.Tracking;
    private bool _paused;
    private bool _disposed;
    private int _generation;
    private int _failures;
    private IDisposable? _run;
    private ITimer? _retry;

    /// <summary>The source listened to (or to be, when resumed).</summary>
    public SourceSpec Source
    {
        get
        {
            lock (_gate)
            {
                return _source;
            }
        }
    }

    /// <summary>The tracking options in force.</summary>
    public TrackingOptions Tracking
    {
        get
        {
            lock (_gate)
            {
                return _tracking;
            }
        }
    }

    public void Start() => Restart(resetFailures: true);

    public void SetPaused(bool paused)
    {
        lock (_gate)
        {
            if (_paused == paused)
            {
                return;
            }

            _paused = paused;
        }

        Restart(resetFailures: true);
    }

    public void SwitchSource(SourceSpec source)
    {
        lock (_gate)
        {
            _source = source;
        }

        Restart(resetFailures: true);
    }

    public void ApplyTracking(TrackingOptions tracking)
    {
        lock (_gate)
        {
            _tracking = tracking;
        }

        Restart(resetFailures: true);
    }

    public void Dispose()
    {
        IDisposable? run;
        lock (_gate)
        {
            _disposed = true;
            _generation++;
            run = _run;
            _run = null;
            _retry?.Dispose();
        }

        run?.Dispose();
    }

    private void Restart(bool resetFailures)
    {
        IDisposable? old;
        int generation;
        LiveSourceOptions run;
        TrackingOptions tracking;
        bool paused;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            generation = ++_generation;
            old = _run;
            _run = null;
            _retry?.Dispose();
            _retry = null;
            if (resetFailures)
            {
                _failures = 0;
            }

            paused = _paused;
            run = options with { Source = _source };
            tracking = _tracking;
        }

        // Outside the lock: a run being stopped may still be delivering an event, which takes the lock.
        old?.Dispose();
        if (paused)
        {
            return;
        }

        IDisposable subscription;
        try
        {
            subscription = LiveSession.Run(run, setup with { Tracking = tracking }).Subscribe(
                e => Deliver(generation, e),
                e => Failed(generation, e),
                () => { });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Failed(generation, e); // could not even be set up (standard input without its format, …)
            return;
        }

        lock (_gate)
        {
            if (generation == _generation)
            {
                _run = subscription;
                return;
            }
        }

        subscription.Dispose(); // replaced while starting
    }

    private void Deliver(int generation, LiveEvent e)
    {
        lock (_gate)
        {
            if (generation != _generation)
            {
                return;
            }

            if (e is SourceChanged { State: SourceState.Started or SourceState.Recovered })
            {
                _failures = 0;
            }
        }

        onEvent(e);
    }

    private void Failed(int generation, Exception error)
    {
        TimeSpan delay;
        lock (_gate)
        {
            if (generation != _generation || _disposed)
            {
                return;
            }

            _failures++;
            delay = TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, TimeSpan.TicksPerSecond << Math.Clamp(_failures - 1, 0, 16)));
            _retry = time.CreateTimer(_ => Retry(generation), null, delay, Timeout.InfiniteTimeSpan);
        }

        onEvent(new SourceChanged(0, SourceState.Lost, $"{error.Message.ReplaceLineEndings(" ")}; trying again in {delay.TotalSeconds:0} s"));
    }

    private void Retry(int generation)
    {
        lock (_gate)
        {
            if (generation != _generation)
            {
                return;
            }
        }

        Restart(resetFailures: false);
    }
}
