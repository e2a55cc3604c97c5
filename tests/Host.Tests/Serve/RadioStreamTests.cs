using System.Text.Json;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Serve;

/// <summary>
/// <c>genre serve --source name=http://…</c>: a real HTTP radio on loopback, decoded by ffmpeg; a station that drops is
/// lost and, once it is back, classified again (reconnect with back-off) while another stream carries on.
/// </summary>
public sealed class RadioStreamTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static JsonElement Stream(ServeProcess serve, string name)
    {
        using var doc = JsonDocument.Parse(serve.Client.GetStringAsync("/api/streams/" + name).Result);
        return doc.RootElement.Clone();
    }

    [SkippableFact]
    public async Task A_station_that_drops_is_lost_and_classified_again_when_it_comes_back()
    {
        Requires.Available(RadioServer.WhyUnavailable);
        var data = Requires.SharedData();
        var clip = Path.Combine(data, "gtzan/rock/rock.00003.flac");
        using var radio = new RadioServer(clip);
        using var temp = new TempDirectory();
        var local = temp.Write("local.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 240, 5)));
        using var serve = new ServeProcess(["--source", "radio=" + radio.Live, "--source", "local=file:" + local]);

        var first = await EventStream.ReadSse(serve.Client, es => es.Count(e => EventStream.Type(e) == "genre") >= 3, Patience, "/events?stream=radio");
        Assert.All(first, e => Assert.Equal("radio", e.GetProperty("stream").GetString()));
        Assert.Contains(radio.Live.ToString(), Stream(serve, "radio").GetProperty("source_detail").GetString(), StringComparison.Ordinal);

        // The station goes away: after ffmpeg's own reconnects give up, the stream is lost with a reason; the other plays on.
        radio.Kill();
        Assert.True(ServeProcess.WaitUntil(() => Stream(serve, "radio").GetProperty("source_state").GetString() == "lost", Patience), serve.Error);
        var before = Stream(serve, "local").GetProperty("stream_events").GetInt64();
        Assert.True(ServeProcess.WaitUntil(() => Stream(serve, "local").GetProperty("stream_events").GetInt64() >= before + 2, Patience), serve.Error);

        // It comes back: the service connects again by itself and classifies anew.
        var back = DateTimeOffset.UtcNow;
        radio.Start();
        var again = await EventStream.ReadSse(
            serve.Client,
            es => es.Count(e => EventStream.Type(e) == "genre" && e.GetProperty("timestamp").GetDateTimeOffset() > back) >= 3,
            Patience,
            "/events?stream=radio");
        Assert.Contains(again, e => EventStream.Type(e) == "source" && e.GetProperty("state").GetString() == "started" && e.GetProperty("timestamp").GetDateTimeOffset() > back);
        Assert.True(Stream(serve, "radio").GetProperty("source_failures").GetInt32() >= 1);
        Assert.Equal(0, serve.Stop());
    }
}
