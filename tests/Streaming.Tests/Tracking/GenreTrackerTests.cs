using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using GenreStream.Streaming.Classification;
using GenreStream.Streaming.Smoothing;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Streaming.Tests.Tracking;

/// <summary>Hysteresis and silence, in virtual time.</summary>
public class GenreTrackerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>No smoothing, so each window's probabilities are what the tracker judges.</summary>
    private static readonly TrackingOptions Raw = new()
    {
        Smoothing = new SmoothingOptions { TimeConstant = TimeSpan.Zero },
        Margin = 0.1,
        Hold = TimeSpan.FromSeconds(3),
        SilenceThresholdDecibels = -55,
    };

    /// <summary>Windows arrive every 1.5 s of virtual time (audio time as well).</summary>
    private static List<TrackedPrediction> Run(TrackingOptions options, params GenrePrediction[] windows)
    {
        var scheduler = new HistoricalScheduler(Start);
        var subject = new Subject<GenrePrediction>();
        var seen = new List<TrackedPrediction>();
        using var subscription = subject.Track(options, scheduler).Subscribe(t =>
            seen.Add(t with { Prediction = t.Prediction with { Smoothed = t.Prediction.Smoothed.ToArray() } }));
        for (var i = 0; i < windows.Length; i++)
        {
            var window = windows[i];
            scheduler.ScheduleAbsolute(Start.AddSeconds(i * 1.5), () => subject.OnNext(window));
        }

        scheduler.Start();
        return seen;
    }

    private static GenrePrediction[] Leads(params float[] firstGenre) =>
        firstGenre.Select((p, i) => Windows.Two(i * 1.5, p)).ToArray();

    [Fact]
    public void The_first_music_sets_the_genre_and_is_reported_as_a_change_from_none()
    {
        var seen = Run(Raw, Leads(0.8f, 0.8f));
        Assert.Equal(new GenreChange(-1, 0, 3.0, 0.8f), seen[0].Change);
        Assert.Null(seen[1].Change);
        Assert.Equal(0, seen[1].Current);
    }

    [Fact]
    public void Two_close_genres_trading_the_lead_do_not_flicker()
    {
        // Genre 1 leads every other window, but by less than the margin.
        var seen = Run(Raw, Leads(0.6f, 0.47f, 0.55f, 0.46f, 0.58f, 0.47f, 0.52f, 0.48f));
        Assert.All(seen, t => Assert.Equal(0, t.Current));
        Assert.Single(seen, t => t.Change is not null);
    }

    [Fact]
    public void A_challenger_takes_over_only_after_leading_by_the_margin_for_the_hold_time()
    {
        // Genre 1 leads clearly from the third window (virtual t = 3 s); with a 3 s hold it wins at t = 6 s.
        var seen = Run(Raw, Leads(0.8f, 0.8f, 0.3f, 0.3f, 0.3f, 0.3f));
        Assert.Equal([0, 0, 0, 0, 1, 1], seen.Select(t => t.Current));
        Assert.Equal(new GenreChange(0, 1, (4 * 1.5) + 3, 0.7f), seen[4].Change);
    }

    [Fact]
    public void A_lead_broken_before_the_hold_time_starts_the_count_again()
    {
        var seen = Run(Raw, Leads(0.8f, 0.3f, 0.3f, 0.5f, 0.3f, 0.3f, 0.3f));
        Assert.Equal([0, 0, 0, 0, 0, 0, 1], seen.Select(t => t.Current));
    }

    [Fact]
    public void Hold_time_is_read_from_the_injected_clock()
    {
        // The same windows arriving 10 s apart in virtual time: each lead lasts long enough at once.
        var scheduler = new HistoricalScheduler(Start);
        var subject = new Subject<GenrePrediction>();
        var current = new List<int>();
        using var subscription = subject.Track(Raw, scheduler).Subscribe(t => current.Add(t.Current));
        var windows = Leads(0.8f, 0.3f, 0.3f);
        for (var i = 0; i < windows.Length; i++)
        {
            var window = windows[i];
            scheduler.ScheduleAbsolute(Start.AddSeconds(i * 10), () => subject.OnNext(window));
        }

        scheduler.Start();
        Assert.Equal([0, 0, 1], current);
    }

    [Fact]
    public void Unknown_windows_never_switch_the_genre_and_freeze_the_smoothing()
    {
        static GenrePrediction Unknown(double start, float first) => Windows.Two(start, first) with { Novelty = 3f, IsUnknown = true };
        var windows = new[]
        {
            Windows.Two(0, 0.9f),
            Windows.Two(1.5, 0.9f),
            Unknown(3, 0.05f),      // speech: the model would answer genre 1 with confidence
            Unknown(4.5, 0.05f),
            Unknown(6, 0.05f),
            Unknown(7.5, 0.05f),
            Windows.Two(9, 0.9f),
        };
        var seen = Run(Raw, windows);
        Assert.Equal([TrackStatus.Music, TrackStatus.Music, TrackStatus.Unknown, TrackStatus.Unknown, TrackStatus.Unknown, TrackStatus.Unknown, TrackStatus.Music], seen.Select(t => t.Status));
        Assert.All(seen, t => Assert.Equal(0, t.Current));
        Assert.Single(seen, t => t.Change is not null);
        Assert.All(seen.Skip(2).Take(4), t => Assert.Equal(0.9f, t.Prediction.Smoothed.Span[0], 1e-6f));
        Assert.All(seen, t => Assert.False(t.Silent));
    }

    [Fact]
    public void A_silent_window_is_silence_even_when_the_model_calls_it_unknown()
    {
        var seen = Run(Raw, Windows.Two(0, 0.9f), Windows.Two(1.5, 0.5f, levelDecibels: -80) with { IsUnknown = true });
        Assert.Equal([TrackStatus.Music, TrackStatus.Silence], seen.Select(t => t.Status));
    }

    [Fact]
    public void Silence_freezes_the_genre_and_the_smoothing_and_is_reported_once_each_way()
    {
        var options = Raw with { Smoothing = new SmoothingOptions { TimeConstant = TimeSpan.FromSeconds(4) } };
        var windows = new[]
        {
            Windows.Two(0, 0.9f),
            Windows.Two(1.5, 0.9f),
            Windows.Two(3, 0.2f, levelDecibels: -70),   // the tail of the song: quiet, and the model guesses wildly
            Windows.Two(4.5, 0.1f, levelDecibels: -90),
            Windows.Two(6, 0.05f, levelDecibels: -80),
            Windows.Two(7.5, 0.2f),                      // the next track
        };
        var seen = Run(options, windows);
        Assert.Equal([false, false, true, true, true, false], seen.Select(t => t.Silent));
        Assert.Equal([false, false, true, false, false, true], seen.Select(t => t.SilenceChanged));
        Assert.All(seen.Take(5), t => Assert.Equal(0, t.Current));
        Assert.All(seen.Skip(2).Take(3), t => Assert.Equal(seen[1].Prediction.Smoothed.Span[0], t.Prediction.Smoothed.Span[0]));

        // Music after silence starts the smoothing afresh: the new track's own probabilities.
        Assert.Equal(0.2f, seen[5].Prediction.Smoothed.Span[0], 1e-6f);
    }

    [Fact]
    public void Windows_straddling_a_pause_and_the_music_after_it_do_not_switch_the_genre()
    {
        // No margin, no hold (the plugin's settings): any window wholly of music may switch the genre at once.
        var options = Raw with { Margin = 0, Hold = TimeSpan.Zero, Smoothing = new SmoothingOptions { TimeConstant = TimeSpan.FromSeconds(4) } };
        var windows = new[]
        {
            Windows.Two(0, 0.9f),
            Windows.Two(1.5, 0.9f),
            Windows.Two(3, 0.5f, levelDecibels: -80),
            Windows.Two(4.5, 0.5f, levelDecibels: -80),  // the last silent window: 4.5 s to 7.5 s
            Windows.Two(6, 0.1f),                        // half pause, half music: the model hears genre 1
            Windows.Two(7.5, 0.8f),                      // wholly after the pause: the same song as before
            Windows.Two(9, 0.8f),
        };
        var seen = Run(options, windows);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0], seen.Select(t => t.Current));
        Assert.Equal([TrackStatus.Music, TrackStatus.Music, TrackStatus.Silence, TrackStatus.Silence, TrackStatus.Music, TrackStatus.Music, TrackStatus.Music], seen.Select(t => t.Status));

        // The straddling window shows its own probabilities, but the smoothing starts afresh after it: it seeds nothing.
        Assert.Equal(0.1f, seen[4].Prediction.Smoothed.Span[0], 1e-6f);
        Assert.Equal(0.8f, seen[5].Prediction.Smoothed.Span[0], 1e-6f);
        Assert.Equal([(-1, 0)], seen.Where(t => t.Change is not null).Select(t => (t.Change!.Value.From, t.Change.Value.To)));
    }

    [Fact]
    public void Music_after_a_pause_that_does_not_overlap_it_is_judged_at_once()
    {
        var options = Raw with { Margin = 0, Hold = TimeSpan.Zero };
        var windows = new[]
        {
            Windows.Two(0, 0.9f),
            Windows.Two(3, 0.5f, levelDecibels: -80),    // silent 3 s to 6 s
            Windows.Two(6, 0.1f),                        // starts where the pause ends: wholly music
        };
        var seen = Run(options, windows);
        Assert.Equal([0, 0, 1], seen.Select(t => t.Current));
    }

    [Fact]
    public void Every_invalid_option_is_named_at_once()
    {
        var options = new TrackingOptions
        {
            Margin = 1.5,
            Hold = TimeSpan.FromSeconds(-2),
            SilenceThresholdDecibels = double.NaN,
            Smoothing = new SmoothingOptions { Windows = 0 },
        };
        var errors = options.Validate();
        Assert.Equal(4, errors.Count);
        var e = Assert.Throws<ArgumentException>(() => new Subject<GenrePrediction>().Track(options));
        Assert.Contains("margin", e.Message, StringComparison.Ordinal);
        Assert.Contains("hold", e.Message, StringComparison.Ordinal);
        Assert.Contains("silence", e.Message, StringComparison.Ordinal);
        Assert.Contains("windows", e.Message, StringComparison.Ordinal);
    }
}
