using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using GenreStream.Streaming.Classification;
using GenreStream.Streaming.Smoothing;
using GenreStream.Streaming.Tests.Tracking;

namespace GenreStream.Streaming.Tests.Smoothing;

/// <summary>Smoothing on an injected clock, run in virtual time (no sleeps).</summary>
public class SmoothingInVirtualTimeTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Pushes each window at its virtual arrival time and collects the first smoothed value.</summary>
    private static List<float> Run(SmoothingOptions options, params (double At, GenrePrediction Window)[] arrivals)
    {
        var scheduler = new HistoricalScheduler(Start);
        var windows = new Subject<GenrePrediction>();
        var seen = new List<float>();
        using var subscription = windows.Smooth(options, scheduler).Subscribe(p => seen.Add(p.Smoothed.Span[0]));
        foreach (var (at, window) in arrivals)
        {
            scheduler.ScheduleAbsolute(Start.AddSeconds(at), () => windows.OnNext(window));
        }

        scheduler.Start();
        return seen;
    }

    [Fact]
    public void The_exponential_average_steps_by_the_schedulers_clock_not_by_audio_time()
    {
        // Every window claims the same audio time; only the scheduler says how far apart they came.
        var seen = Run(
            new SmoothingOptions { TimeConstant = TimeSpan.FromSeconds(4) },
            (0, Windows.Two(0, 1f)),
            (4, Windows.Two(0, 0f)),
            (12, Windows.Two(0, 0f)));
        Assert.Equal(3, seen.Count);
        Assert.Equal(1f, seen[0], 1e-6f);
        Assert.Equal(Math.Exp(-1), seen[1], 1e-6);       // one time constant later: 37% left
        Assert.Equal(Math.Exp(-3), seen[2], 1e-6);       // two more
    }

    [Fact]
    public void Without_a_scheduler_the_average_steps_by_audio_time()
    {
        var seen = Run(
            new SmoothingOptions { TimeConstant = TimeSpan.FromSeconds(4) },
            (0, Windows.Two(0, 1f)),
            (1, Windows.Two(8, 0f)));
        var audio = new List<float>();
        var windows = new Subject<GenrePrediction>();
        using (windows.Smooth(new SmoothingOptions { TimeConstant = TimeSpan.FromSeconds(4) }).Subscribe(p => audio.Add(p.Smoothed.Span[0])))
        {
            windows.OnNext(Windows.Two(0, 1f));
            windows.OnNext(Windows.Two(8, 0f));
        }

        Assert.Equal(Math.Exp(-2), audio[1], 1e-6);      // 8 s of audio apart
        Assert.Equal(Math.Exp(-0.25), seen[1], 1e-6);    // 1 s of scheduler time apart
    }

    [Fact]
    public void The_moving_average_is_the_mean_of_the_last_n_windows_whatever_their_timing()
    {
        var values = new[] { 0.9f, 0.1f, 0.5f, 0.3f, 0.7f, 0.2f, 0.8f, 0.4f };
        var arrivals = values.Select((v, i) => ((double)(i * i), Windows.Two(0, v))).ToArray();
        var seen = Run(new SmoothingOptions { Method = SmoothingMethod.MovingAverage, Windows = 3 }, arrivals);
        for (var i = 0; i < values.Length; i++)
        {
            var last = values[Math.Max(0, i - 2)..(i + 1)];
            Assert.Equal(last.Average(), seen[i], 1e-5);
        }
    }

    [Fact]
    public void A_long_moving_average_does_not_drift_with_rounding()
    {
        var smoother = new MovingAverageSmoother(1, 7);
        var random = new Random(3);
        var values = Enumerable.Range(0, 100_000).Select(_ => random.NextSingle()).ToArray();
        foreach (var v in values)
        {
            smoother.Update([v], 0);
        }

        Assert.Equal(values[^7..].Average(), smoother.Current[0], 1e-6);
    }

    [Fact]
    public void Invalid_options_are_refused_with_every_problem_named()
    {
        var options = new SmoothingOptions { TimeConstant = TimeSpan.FromSeconds(-1), Windows = 0 };
        var e = Assert.Throws<ArgumentException>(() => new Subject<GenrePrediction>().Smooth(options));
        Assert.Contains("time constant", e.Message, StringComparison.Ordinal);
        Assert.Contains("windows", e.Message, StringComparison.Ordinal);
    }
}
