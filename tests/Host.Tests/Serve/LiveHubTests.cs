using System.Text.Json;
using GenreStream.Host.Live;
using GenreStream.Host.Serve;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Tests.Serve;

public class LiveHubTests
{
    private static readonly string[] Labels = ["blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock"];

    private static GenreUpdate Update(double time)
    {
        var p = Enumerable.Repeat(0.1f, 10).ToArray();
        return new GenreUpdate(time, Labels, "rock", 0.1f, "rock", 0.1f, false, p, p, -20);
    }

    [Fact]
    public async Task A_client_that_does_not_read_loses_only_its_oldest_events_and_the_others_get_everything()
    {
        using var hub = new LiveHub(SourceSpec.Monitor, TrackingOptions.Default, maxClients: 10, TimeProvider.System);
        var stalled = hub.Connect("sse")!;
        var reader = hub.Connect("ws")!;
        var received = new List<double>();
        var count = 0;
        var reading = Task.Run(async () =>
        {
            await foreach (var e in reader.Reader.ReadAllAsync())
            {
                using var doc = JsonDocument.Parse(e.Json);
                received.Add(doc.RootElement.GetProperty("time").GetDouble());
                Interlocked.Increment(ref count);
            }
        });

        const int Events = ClientQueue.Capacity + 100;
        for (var i = 0; i < Events; i++)
        {
            hub.Publish(Update(i));
            if (i % 64 == 0)
            {
                // Let the reading client keep up, as a real one would (a fixed pause did not on a loaded machine).
                var upTo = i + 1;
                Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref count) >= upTo, TimeSpan.FromSeconds(30)), "the reading client did not keep up");
            }
        }

        hub.CompleteAll();
        await reading;
        Assert.Equal(Enumerable.Range(0, Events).Select(i => (double)i), received);
        Assert.Equal(100, stalled.Dropped);

        var queued = new List<double>();
        await foreach (var e in stalled.Reader.ReadAllAsync())
        {
            using var doc = JsonDocument.Parse(e.Json);
            queued.Add(doc.RootElement.GetProperty("time").GetDouble());
        }

        Assert.Equal(Enumerable.Range(100, ClientQueue.Capacity).Select(i => (double)i), queued); // the newest, in order
        using var now = JsonDocument.Parse(hub.NowJson());
        Assert.Equal(100, now.RootElement.GetProperty("clients").GetProperty("dropped_events").GetInt64());
        Assert.Equal(Events - 1, now.RootElement.GetProperty("latest").GetProperty("time").GetDouble());
    }

    [Fact]
    public void A_new_client_starts_with_the_latest_genre_and_the_limit_is_kept()
    {
        using var hub = new LiveHub(SourceSpec.Monitor, TrackingOptions.Default, maxClients: 2, TimeProvider.System);
        hub.Publish(Update(1));
        hub.Publish(Update(2));
        var first = hub.Connect("sse")!;
        Assert.True(first.Reader.TryRead(out var primed));
        Assert.Contains("\"time\":2", primed.Json, StringComparison.Ordinal);
        Assert.NotNull(hub.Connect("ws"));
        Assert.Null(hub.Connect("sse"));
        hub.Disconnect(first);
        Assert.NotNull(hub.Connect("sse"));
    }

    [Fact]
    public void A_client_resumes_after_the_last_id_it_got_while_that_is_in_the_ring_else_starts_afresh()
    {
        using var hub = new LiveHub(SourceSpec.Monitor, TrackingOptions.Default, maxClients: 10, TimeProvider.System);
        var watcher = hub.Connect("sse")!;
        const int Events = LiveHub.RecentCapacity + 50;
        for (var i = 0; i < Events; i++)
        {
            hub.Publish(Update(i));
        }

        var ids = new List<long>();
        while (watcher.Reader.TryRead(out var e))
        {
            ids.Add(e.Id);
            Assert.Equal("genre", e.Type);
        }

        Assert.Equal(Enumerable.Range(0, ids.Count).Select(i => ids[0] + i), ids); // one apart, in order

        // Resuming from an id in the ring: exactly the events after it.
        var resumed = hub.Connect("sse", ids[^11])!;
        Assert.Equal(ids.TakeLast(10), Drain(resumed).Select(e => e.Id));

        // Up to date: nothing to replay, not even the latest again.
        Assert.Empty(Drain(hub.Connect("sse", ids[^1])!));

        // Fallen out of the ring (or from before a restart, or never given): the latest genre event, as a new client.
        foreach (var old in new[] { ids[0] - 2, ids[0] - 1_000_000, ids[^1] + 5 })
        {
            var fresh = Drain(hub.Connect("sse", old)!);
            Assert.Equal([ids[^1]], fresh.Select(e => e.Id));
        }
    }

    private static List<PublishedEvent> Drain(ClientQueue client)
    {
        var events = new List<PublishedEvent>();
        while (client.Reader.TryRead(out var e))
        {
            events.Add(e);
        }

        return events;
    }

    [Fact]
    public void Switching_the_source_cancels_the_current_run_and_forgets_its_latest_genre()
    {
        using var hub = new LiveHub(SourceSpec.Monitor, TrackingOptions.Default, maxClients: 2, TimeProvider.System);
        hub.Publish(Update(1));
        var (source, _, changed) = hub.CurrentRun();
        Assert.Equal(SourceSpec.Monitor, source);
        hub.SwitchSource(SourceSpec.Mic);
        Assert.True(changed.IsCancellationRequested);
        Assert.Equal(SourceSpec.Mic, hub.CurrentRun().Source);
        using var now = JsonDocument.Parse(hub.NowJson());
        Assert.Equal(JsonValueKind.Null, now.RootElement.GetProperty("latest").ValueKind);
        Assert.False(hub.ApplyTracking(TrackingOptions.Default));
        Assert.True(hub.ApplyTracking(TrackingOptions.Default with { Margin = 0.2 }));
    }
}
