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
            await foreach (var json in reader.Reader.ReadAllAsync())
            {
                using var doc = JsonDocument.Parse(json);
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
        await foreach (var json in stalled.Reader.ReadAllAsync())
        {
            using var doc = JsonDocument.Parse(json);
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
        Assert.Contains("\"time\":2", primed, StringComparison.Ordinal);
        Assert.NotNull(hub.Connect("ws"));
        Assert.Null(hub.Connect("sse"));
        hub.Disconnect(first);
        Assert.NotNull(hub.Connect("sse"));
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
