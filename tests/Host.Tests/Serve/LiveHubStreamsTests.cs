using System.Text.Json;
using GenreStream.Host.Live;
using GenreStream.Host.Serve;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Tests.Serve;

/// <summary><see cref="LiveHub"/> with several streams: clients of one stream or all, resumption, and switches that touch one stream only.</summary>
public sealed class LiveHubStreamsTests
{
    private static readonly string[] Labels = ["blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock"];

    private static LiveHub Hub() => new(
        [new ServedStream("a", SourceSpec.Monitor), new ServedStream("b", SourceSpec.Mic)],
        TrackingOptions.Default,
        maxClients: 10,
        TimeProvider.System);

    private static GenreUpdate Update(string stream, double time, string genre)
    {
        var p = Enumerable.Repeat(0.1f, 10).ToArray();
        return new GenreUpdate(time, Labels, genre, 0.1f, genre, 0.1f, false, p, p, -20) { Stream = stream };
    }

    private static List<(string Stream, double Time)> Drain(ClientQueue client)
    {
        var seen = new List<(string, double)>();
        while (client.Reader.TryRead(out var e))
        {
            using var doc = JsonDocument.Parse(e.Json);
            seen.Add((doc.RootElement.GetProperty("stream").GetString()!, doc.RootElement.GetProperty("time").GetDouble()));
            Assert.Equal(e.Stream, seen[^1].Item1);
        }

        return seen;
    }

    [Fact]
    public void A_client_of_one_stream_gets_only_its_events_and_a_client_of_all_gets_every_one_in_order()
    {
        using var hub = Hub();
        var onlyB = hub.Connect("sse", stream: "b")!;
        var all = hub.Connect("ws")!;
        for (var i = 0; i < 6; i++)
        {
            hub.Publish(Update(i % 2 == 0 ? "a" : "b", i, "rock"));
        }

        Assert.Equal([("b", 1.0), ("b", 3.0), ("b", 5.0)], Drain(onlyB));
        Assert.Equal(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? "a" : "b", (double)i)), Drain(all));
    }

    [Fact]
    public void A_new_client_is_primed_with_each_followed_streams_latest_and_a_resuming_one_with_what_it_missed_of_its_stream()
    {
        using var hub = Hub();
        hub.Publish(Update("a", 1, "jazz"));
        hub.Publish(Update("b", 2, "metal"));
        hub.Publish(Update("a", 3, "jazz"));
        Assert.Equal([("b", 2.0), ("a", 3.0)], Drain(hub.Connect("sse")!));
        Assert.Equal([("b", 2.0)], Drain(hub.Connect("sse", stream: "b")!));

        var first = hub.Connect("sse")!;
        first.Reader.TryRead(out _); // b at 2
        first.Reader.TryRead(out var seen); // a at 3
        hub.Publish(Update("b", 4, "metal"));
        hub.Publish(Update("a", 5, "jazz"));
        hub.Publish(Update("b", 6, "metal"));
        Assert.Equal([("b", 4.0), ("b", 6.0)], Drain(hub.Connect("sse", seen!.Id, "b")!));
        Assert.Equal([("b", 4.0), ("a", 5.0), ("b", 6.0)], Drain(hub.Connect("sse", seen.Id)!));
    }

    [Fact]
    public void Switching_one_streams_source_restarts_that_stream_only_and_tracking_restarts_all()
    {
        using var hub = Hub();
        var (_, _, a) = hub.CurrentRun("a");
        var (_, _, b) = hub.CurrentRun("b");
        hub.Publish(Update("b", 1, "metal"));
        hub.CountFailure("b");
        hub.SwitchSource("b", SourceSpec.Device("usb"));
        Assert.True(b.IsCancellationRequested);
        Assert.False(a.IsCancellationRequested);
        Assert.Equal("usb", hub.SourceOf("b").ToString());
        Assert.Equal(SourceSpec.Monitor, hub.SourceOf("a"));
        Assert.Equal(0, hub.FailuresOf("b"));
        using (var doc = JsonDocument.Parse(hub.StreamJson("b")!))
        {
            Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("latest").ValueKind); // the old source's latest is forgotten
        }

        var (_, _, a2) = hub.CurrentRun("a");
        var (_, _, b2) = hub.CurrentRun("b");
        Assert.True(hub.ApplyTracking(TrackingOptions.Default with { Margin = 0.3f }));
        Assert.True(a2.IsCancellationRequested && b2.IsCancellationRequested);
        Assert.Null(hub.StreamJson("c"));
        Assert.Throws<KeyNotFoundException>(() => hub.Connect("sse", stream: "c"));
    }

    [Fact]
    public void Api_now_keeps_the_first_streams_fields_on_top_and_lists_every_stream()
    {
        using var hub = Hub();
        hub.Publish(Update("b", 2, "metal"));
        using var doc = JsonDocument.Parse(hub.NowJson());
        var now = doc.RootElement;
        Assert.Equal("a", now.GetProperty("stream").GetString());
        Assert.Equal("monitor", now.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, now.GetProperty("latest").ValueKind);
        Assert.Equal(1, now.GetProperty("events").GetInt64());
        var streams = now.GetProperty("streams").EnumerateArray().ToArray();
        Assert.Equal(["a", "b"], streams.Select(s => s.GetProperty("stream").GetString()!));
        Assert.Equal("metal", streams[1].GetProperty("current").GetString());
        Assert.Equal(1, streams[1].GetProperty("stream_events").GetInt64());
    }
}
