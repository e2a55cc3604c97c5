using System.Text.Json;
using GenreStream.Host.Tests.Live;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Serve;

/// <summary>
/// The events of a real <c>genre serve</c> as clients get them: SSE with <c>id:</c> and <c>event:</c> lines that a
/// client resumes from with <c>Last-Event-ID</c>, WebSocket and <c>/api/now</c>; every event fits the shipped schema.
/// </summary>
public sealed class ServeEventFormatTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Music(int seconds) =>
        _temp.Write("music.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, seconds, 2)));

    private static long Events(ServeProcess serve) => serve.Now().GetProperty("events").GetInt64();

    [Fact]
    public async Task Sse_frames_carry_id_and_event_and_a_client_resumes_after_the_last_id_it_got()
    {
        using var serve = new ServeProcess(["--source", "file:" + Music(90), "--model", TestModels.RandomFile()]);
        var first = await EventStream.ReadSseFrames(serve.Client, null, f => f.Count(x => x.Event == "genre") >= 3, Patience);
        foreach (var frame in first)
        {
            EventSchemaCheck.Valid(frame.Data);
            Assert.Equal(frame.Data.GetProperty("type").GetString(), frame.Event);
        }

        // Ids go up by one per event (the first frame is the primed latest genre event, so the rest follow it).
        Assert.All(first.Skip(1).Zip(first.Skip(2)), p => Assert.Equal(p.First.Id + 1, p.Second.Id));

        // Away for a few events, then back with the id of the last one it got: every event since, none twice, none missing.
        var last = first[^1].Id;
        var seen = Events(serve);
        Assert.True(SpinWait.SpinUntil(() => Events(serve) >= seen + 3, Patience), "no new events while away");
        var resumed = await EventStream.ReadSseFrames(serve.Client, last.ToString(System.Globalization.CultureInfo.InvariantCulture), f => f.Count >= 4, Patience);
        Assert.Equal(Enumerable.Range(1, resumed.Count).Select(i => last + i), resumed.Select(f => f.Id));
        Assert.All(resumed, f => EventSchemaCheck.Valid(f.Data));
        var times = resumed.Where(f => f.Event == "genre").Select(f => f.Data.GetProperty("time").GetDouble()).ToArray();
        Assert.True(times[0] > first.Last(f => f.Event == "genre").Data.GetProperty("time").GetDouble());
        Assert.All(times.Zip(times.Skip(1)), p => Assert.Equal(1.509, p.Second - p.First, 0.01));

        // An id the service never gave (or long gone): a fresh start with the latest genre event.
        var fresh = await EventStream.ReadSseFrames(serve.Client, "12345", f => f.Count >= 1, Patience);
        Assert.Equal("genre", fresh[0].Event);
        Assert.True(fresh[0].Id > last);

        Assert.Equal(0, serve.Stop());
    }

    [Fact]
    public async Task WebSocket_events_and_api_now_fit_the_schema_and_say_the_settled_genre()
    {
        using var serve = new ServeProcess(["--source", "file:" + Music(60), "--model", TestModels.RandomFile()]);
        var ws = await EventStream.ReadWebSocket(serve.Url, 4, Patience);
        Assert.All(ws, EventSchemaCheck.Valid);
        var genres = ws.Where(e => EventStream.Type(e) == "genre").ToArray();
        Assert.NotEmpty(genres);
        Assert.All(genres, g => Assert.Equal(g.GetProperty("current").ToString(), g.GetProperty("genre").ToString()));

        var now = serve.Now();
        Assert.Equal(2, now.GetProperty("schema_version").GetInt32());
        Assert.True(DateTimeOffset.TryParse(now.GetProperty("timestamp").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        EventSchemaCheck.Valid(now.GetProperty("latest"));
        Assert.Equal(now.GetProperty("latest").GetProperty("genre").ToString(), now.GetProperty("current").ToString());
        Assert.Equal(0, serve.Stop());
    }
}
