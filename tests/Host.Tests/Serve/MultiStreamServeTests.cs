using System.Net;
using System.Text;
using System.Text.Json;
using GenreStream.Host.Tests.Cli;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Serve;

/// <summary>
/// One real <c>genre serve</c> with several named streams (<c>--source name=…</c>): each with its own state, events, history
/// and API; one that fails or stalls never holds up the others, and each stream's numbers are those it would have alone.
/// </summary>
public sealed class MultiStreamServeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static JsonElement Get(ServeProcess serve, string path)
    {
        using var doc = JsonDocument.Parse(serve.Client.GetStringAsync(path).Result);
        return doc.RootElement.Clone();
    }

    private static bool IsGenre(JsonElement e, string stream) => EventStream.Type(e) == "genre" && e.GetProperty("stream").GetString() == stream;

    [SkippableFact]
    public async Task Streams_run_side_by_side_while_one_fails_and_one_stalls_and_each_equals_the_same_audio_alone()
    {
        Requires.Available(RadioServer.WhyUnavailable);
        var data = Requires.SharedData();
        var jazz = Path.Combine(data, "gtzan/jazz/jazz.00002.flac");
        var metal = Path.Combine(data, "gtzan/metal/metal.00002.flac");
        using var radio = new RadioServer(jazz);
        using var serve = new ServeProcess(
        [
            "--source", "jazz=file:" + jazz, "--source", "metal=file:" + metal,
            "--source", "broken=file:/nonexistent/missing.flac", "--source", "stalled=" + radio.Stall,
        ]);

        // Every event says its stream; the stalled stream sends nothing, the broken one only its losses, while the others play on.
        var all = await EventStream.ReadSse(serve.Client, es => es.Count(e => IsGenre(e, "jazz")) >= 6 && es.Count(e => IsGenre(e, "metal")) >= 6, Patience);
        Assert.All(all, e => Assert.Contains(e.GetProperty("stream").GetString(), new[] { "jazz", "metal", "broken", "stalled" }));
        Assert.DoesNotContain(all, e => e.GetProperty("stream").GetString() is "broken" or "stalled" && EventStream.Type(e) == "genre");
        Assert.All(all.Where(e => e.GetProperty("stream").GetString() == "broken"), e => Assert.Equal("lost", e.GetProperty("state").GetString()));
        Assert.All(all, Live.EventSchemaCheck.Valid);

        // One stream's events only.
        var metalOnly = await EventStream.ReadSse(serve.Client, es => es.Count(e => EventStream.Type(e) == "genre") >= 3, Patience, "/events?stream=metal");
        Assert.All(metalOnly, e => Assert.Equal("metal", e.GetProperty("stream").GetString()));

        // The API: every stream, each on its own, the first at the top of /api/now, and a clear 404.
        var streams = Get(serve, "/api/streams").GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("stream").GetString()!).ToArray();
        Assert.Equal(new[] { "jazz", "metal", "broken", "stalled" }, streams);
        var now = serve.Now();
        Assert.Equal("jazz", now.GetProperty("stream").GetString());
        Assert.Equal(4, now.GetProperty("streams").GetArrayLength());
        var broken = Get(serve, "/api/streams/broken");
        Assert.Equal("lost", broken.GetProperty("source_state").GetString());
        Assert.Contains("missing.flac", broken.GetProperty("source_detail").GetString(), StringComparison.Ordinal);
        Assert.True(broken.GetProperty("source_failures").GetInt32() >= 1);
        var stalled = Get(serve, "/api/streams/stalled");
        Assert.Equal(JsonValueKind.Null, stalled.GetProperty("latest").ValueKind);
        Assert.Equal("metal", Get(serve, "/api/streams/metal").GetProperty("latest").GetProperty("stream").GetString());
        using (var missing = await serve.Client.GetAsync("/api/streams/nope"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Contains("jazz, metal, broken, stalled", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var missing = await serve.Client.GetAsync("/events?stream=nope"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        var history = Get(serve, "/api/history?stream=metal");
        Assert.True(history.GetProperty("unix_ms").GetArrayLength() >= 3);

        // Nothing leaks between streams: each window's probabilities are those of the same file alone (genre listen).
        var (code, alone, error) = GenreProcessTests.RunGenre("listen", "--source", "file:" + metal, "--fast", "--json");
        Assert.True(code == 0, string.Join('\n', error));
        var byTime = alone.Select(l => JsonDocument.Parse(l).RootElement).Where(e => EventStream.Type(e) == "genre")
            .ToDictionary(e => e.GetProperty("time").GetDouble(), e => e.GetProperty("probabilities"));
        var served = all.Concat(metalOnly).Where(e => IsGenre(e, "metal")).DistinctBy(e => e.GetProperty("time").GetDouble()).ToList();
        Assert.True(served.Count >= 6);
        foreach (var e in served)
        {
            var expected = byTime[e.GetProperty("time").GetDouble()];
            foreach (var p in e.GetProperty("probabilities").EnumerateObject())
            {
                Assert.Equal(expected.GetProperty(p.Name).GetDouble(), p.Value.GetDouble(), 6);
            }
        }

        Assert.Equal(0, serve.Stop());
    }

    [Fact]
    public async Task A_source_switched_through_the_api_changes_only_its_stream()
    {
        using var temp = new TempDirectory();
        var wav = temp.Write("music.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 120, 3)));
        using var serve = new ServeProcess(["--source", "a=file:" + wav, "--source", "b=file:" + wav, "--model", TestModels.RandomFile(), "--server", "unix:" + temp.File("no-server")]);
        Assert.True(ServeProcess.WaitUntil(() => Get(serve, "/api/streams/b").GetProperty("source_state").GetString() == "started", Patience), serve.Error);

        using (var response = await serve.Client.PostAsync("/api/source", new StringContent("""{"source":"monitor","stream":"b"}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Contains("\"stream\":\"b\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.True(ServeProcess.WaitUntil(() => Get(serve, "/api/streams/b").GetProperty("source_state").GetString() == "lost", Patience), serve.Error);
        Assert.Equal("monitor", Get(serve, "/api/streams/b").GetProperty("source").GetString());
        var a = Get(serve, "/api/streams/a");
        Assert.Equal("file:" + wav, a.GetProperty("source").GetString());
        Assert.Equal("started", a.GetProperty("source_state").GetString());
        Assert.Equal(0, a.GetProperty("source_failures").GetInt32());

        using (var response = await serve.Client.PostAsync("/api/source", new StringContent("""{"source":"monitor","stream":"c"}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(0, serve.Stop());
    }

    [Theory]
    [InlineData(new[] { "--source", "a=monitor", "--source", "a=mic" }, "'a' given more than once")]
    [InlineData(new[] { "--source", "monitor", "--source", "b=mic" }, "name each one")]
    [InlineData(new[] { "--source", "Kitchen=monitor" }, "stream name 'Kitchen'")]
    [InlineData(new[] { "--source", "radio=http://" }, "not a valid stream URL")]
    public void Bad_stream_names_are_one_line_usage_errors(string[] args, string message)
    {
        var result = CliRunner.Run(["serve", .. args]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
