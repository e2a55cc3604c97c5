using System.Text.Json;
using GenreStream.Host.Live;
using GenreStream.Host.Serve;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Tracking;
using Microsoft.Extensions.Time.Testing;

namespace GenreStream.Host.Tests.Serve;

public class GenreHistoryTests
{
    private static readonly string[] Labels = ["blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock"];

    private static GenreUpdate Update(double time, int top, string? current, TrackStatus status = TrackStatus.Music)
    {
        var p = Enumerable.Repeat(0.05f, 10).ToArray();
        p[top] = 0.55f;
        return new GenreUpdate(time, Labels, Labels[top], 0.55f, current, 0.55f, status == TrackStatus.Silence, p, p, -20, Status: status);
    }

    [Fact]
    public void The_history_keeps_steps_and_changes_in_wall_clock_order_with_their_genre_and_status()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero));
        using var hub = new LiveHub(SourceSpec.Monitor, TrackingOptions.Default, maxClients: 10, clock);
        hub.Publish(Update(1.5, 6, null));
        hub.Publish(new GenreChanged(1.5, null, "metal", 0.55f));
        clock.Advance(TimeSpan.FromSeconds(1.5));
        hub.Publish(Update(3, 6, "metal"));
        clock.Advance(TimeSpan.FromSeconds(1.5));
        hub.Publish(Update(0, 6, "metal", TrackStatus.Silence)); // a new source: its audio time starts again
        hub.Publish(new SourceChanged(0, SourceState.Started, "monitor"));

        using var json = JsonDocument.Parse(hub.History.ToJson());
        var root = json.RootElement;
        var start = clock.GetUtcNow().AddSeconds(-3).ToUnixTimeMilliseconds();
        Assert.Equal([start, start + 1500, start + 3000], root.GetProperty("unix_ms").EnumerateArray().Select(t => t.GetInt64()));
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds(), root.GetProperty("now_unix_ms").GetInt64());
        Assert.Equal(Labels, root.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal([null, "metal", "metal"], root.GetProperty("current").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["music", "music", "silence"], root.GetProperty("status").EnumerateArray().Select(c => c.GetString()));
        var row = root.GetProperty("smoothed")[0].EnumerateArray().Select(p => p.GetDouble()).ToArray();
        Assert.Equal(0.55, row[6]);
        Assert.Equal(0.05, row[0]);
        var change = Assert.Single(root.GetProperty("changes").EnumerateArray());
        Assert.Equal(start, change.GetProperty("unix_ms").GetInt64());
        Assert.Equal(JsonValueKind.Null, change.GetProperty("from").ValueKind);
        Assert.Equal("metal", change.GetProperty("to").GetString());
        Assert.Equal(1800, root.GetProperty("span_seconds").GetDouble());
    }

    [Fact]
    public void Steps_and_changes_older_than_the_span_are_forgotten_and_the_ring_never_grows_past_its_capacity()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero));
        var history = new GenreHistory(clock, TimeSpan.FromMinutes(30), capacity: 100);
        history.Record(new GenreChanged(0, null, "jazz", 0.6f));
        for (var i = 0; i < 1300; i++)
        {
            history.Record(Update(i * 1.5, i % 10, "jazz"));
            clock.Advance(TimeSpan.FromSeconds(1.5));
        }

        Assert.Equal(100, history.Count);
        using (var json = JsonDocument.Parse(history.ToJson()))
        {
            var times = json.RootElement.GetProperty("unix_ms").EnumerateArray().Select(t => t.GetInt64()).ToArray();
            Assert.Equal(100, times.Length);
            Assert.Equal(clock.GetUtcNow().AddSeconds(-1.5).ToUnixTimeMilliseconds(), times[^1]); // the newest kept
            Assert.True(times.Zip(times.Skip(1)).All(p => p.Second - p.First == 1500));
            Assert.Empty(json.RootElement.GetProperty("changes").EnumerateArray()); // 32 minutes old
        }

        // With room for all of them, only the last 30 minutes stay.
        var roomy = new GenreHistory(clock, TimeSpan.FromMinutes(30));
        for (var i = 0; i < 1300; i++)
        {
            roomy.Record(Update(i * 1.5, 3, "disco"));
            clock.Advance(TimeSpan.FromSeconds(1.5));
        }

        Assert.Equal(1201, roomy.Count); // 0, 1.5 … 1800 s before now
        clock.Advance(TimeSpan.FromMinutes(31));
        using var later = JsonDocument.Parse(roomy.ToJson());
        Assert.Empty(later.RootElement.GetProperty("unix_ms").EnumerateArray());
        Assert.Equal(0, roomy.Count);
    }
}
