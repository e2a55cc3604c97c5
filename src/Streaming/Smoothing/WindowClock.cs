using System.Reactive.Concurrency;
using GenreStream.Streaming.Classification;

namespace GenreStream.Streaming.Smoothing;

/// <summary>
/// When a window "happened", for smoothing and hold times: by default the audio time of its end, so a
/// file processed faster than real time behaves exactly as if it were heard live; or, given a scheduler,
/// that scheduler's clock when the window arrives (wall-clock time live, virtual time in tests).
/// </summary>
public sealed class WindowClock
{
    private readonly IScheduler? _scheduler;
    private DateTimeOffset _origin;
    private bool _started;

    /// <param name="scheduler">The clock to read, or null for audio time.</param>
    public WindowClock(IScheduler? scheduler = null) => _scheduler = scheduler;

    /// <summary>Audio time: each window at its end.</summary>
    public static WindowClock Audio() => new();

    /// <summary>Seconds on this clock at which <paramref name="window"/> counts (the first window read from a scheduler is at 0).</summary>
    public double Seconds(in GenrePrediction window)
    {
        if (_scheduler is null)
        {
            return window.StartSeconds + window.DurationSeconds;
        }

        var now = _scheduler.Now;
        if (!_started)
        {
            _origin = now;
            _started = true;
        }

        return (now - _origin).TotalSeconds;
    }
}
