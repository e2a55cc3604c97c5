using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using GenreStream.Host.Tests.Cli;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Serve;

/// <summary><c>genre serve</c> as a real process: HTTP, SSE, WebSocket, source switching, settings reload, limits.</summary>
public sealed class ServeTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Music(string name, int seconds, int seed) =>
        _temp.Write(name, new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, seconds, seed)));

    private static JsonElement Json(string text)
    {
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task Sse_websocket_api_now_and_health_follow_a_file_played_live()
    {
        var jsonl = _temp.File("events.jsonl");
        using var serve = new ServeProcess(["--source", "file:" + Music("a.wav", 60, 1), "--jsonl", jsonl]);
        var health = Json(await serve.Client.GetStringAsync("/health"));
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(["status", "source"], health.EnumerateObject().Select(p => p.Name)); // as the README's table shows it
        Assert.StartsWith("file:", health.GetProperty("source").GetString(), StringComparison.Ordinal);

        var sse = await EventStream.ReadSse(serve.Client, e => e.Count(x => EventStream.Type(x) == "genre") >= 3, Patience);
        var genres = sse.Where(e => EventStream.Type(e) == "genre").ToArray();
        var times = genres.Select(g => g.GetProperty("time").GetDouble()).ToArray();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.Equal(1.509, pair.Second - pair.First, 0.01)); // in order, none missing
        Assert.All(genres, g => Assert.Equal(1.0, g.GetProperty("smoothed").EnumerateObject().Sum(p => p.Value.GetDouble()), 1e-4));

        var ws = await EventStream.ReadWebSocket(serve.Url, 3, Patience);
        Assert.All(ws, e => Assert.Contains(EventStream.Type(e), new[] { "genre", "change", "silence", "source" }));
        var wsTimes = ws.Where(e => EventStream.Type(e) == "genre").Select(e => e.GetProperty("time").GetDouble()).ToArray();
        Assert.True(wsTimes.SequenceEqual(wsTimes.Order()), "WebSocket events out of order");

        var now = Json(await serve.Client.GetStringAsync("/api/now"));
        Assert.Equal("started", now.GetProperty("source_state").GetString());
        var latest = now.GetProperty("latest");
        Assert.Equal("genre", latest.GetProperty("type").GetString());
        Assert.Equal(latest.GetProperty("current").GetString(), now.GetProperty("current").GetString());
        Assert.True(latest.GetProperty("time").GetDouble() >= times[^1]);
        var output = now.GetProperty("outputs").EnumerateArray().Single();
        Assert.Equal("jsonl:" + jsonl, output.GetProperty("name").GetString());
        Assert.True(output.GetProperty("sent").GetInt64() >= 3);
        Assert.Equal(0, output.GetProperty("dropped").GetInt64());

        Assert.Equal(0, serve.Stop());
    }

    [Fact]
    public async Task The_source_can_be_switched_at_run_time_and_bad_requests_are_refused()
    {
        var second = Music("second.wav", 30, 2);
        using var serve = new ServeProcess(["--source", "file:" + Music("first.wav", 60, 1)], s => s.Environment["GENRE_Serve__MediaFolders__0"] = _temp.Path);

        async Task<(HttpStatusCode Status, string Body)> Post(string body)
        {
            using var response = await serve.Client.PostAsync("/api/source", new StringContent(body, Encoding.UTF8, "application/json"));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await Post("not json")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("""{"source":""}""")).Status);
        var missing = await Post($$"""{"source":"file:{{_temp.File("no-such.wav")}}"}""");
        Assert.Equal(HttpStatusCode.Forbidden, missing.Status);
        Assert.Contains("Serve:MediaFolders", missing.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await Post($$"""{"source":"{{new string('x', 5000)}}"}""")).Status);

        var listening = EventStream.ReadSse(
            serve.Client,
            e => e.Any(x => EventStream.Type(x) == "source" && x.GetProperty("state").GetString() == "started" && x.GetProperty("detail").GetString()!.Contains("second.wav", StringComparison.Ordinal)),
            Patience);
        await Task.Delay(500);
        var switched = await Post(JsonSerializer.Serialize(new Dictionary<string, string> { ["source"] = "file:" + second }));
        Assert.Equal(HttpStatusCode.Accepted, switched.Status);
        await listening;
        Assert.True(ServeProcess.WaitUntil(() => Json(serve.Client.GetStringAsync("/api/now").Result).GetProperty("source").GetString() == "file:" + second, Patience));
    }

    [Fact]
    public async Task Settings_file_changes_apply_without_a_restart_and_bad_ones_are_logged_and_ignored()
    {
        var config = _temp.File("config");
        Directory.CreateDirectory(config);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "config")))
        {
            File.Copy(file, Path.Combine(config, Path.GetFileName(file)));
        }

        var settings = Path.Combine(config, "settings.json");
        using var serve = new ServeProcess(["--source", "file:" + Music("a.wav", 60, 1)], s => s.Environment["GENRE_CONFIG_DIR"] = config);
        double Margin() => Json(serve.Client.GetStringAsync("/api/now").Result).GetProperty("tracking").GetProperty("margin").GetDouble();
        Assert.Equal(0.1, Margin(), 1e-9);

        File.WriteAllText(settings, File.ReadAllText(settings).Replace("\"Margin\": 0.1", "\"Margin\": 0.25", StringComparison.Ordinal));
        Assert.True(ServeProcess.WaitUntil(() => Math.Abs(Margin() - 0.25) < 1e-9, Patience), serve.Error);
        Assert.Contains("settings reloaded", serve.Error, StringComparison.Ordinal);

        File.WriteAllText(settings, File.ReadAllText(settings).Replace("\"Margin\": 0.25", "\"Margin\": 7", StringComparison.Ordinal));
        Assert.True(ServeProcess.WaitUntil(() => serve.Error.Contains("settings not applied", StringComparison.Ordinal), Patience), serve.Error);
        Assert.Contains("Tracking:Margin", serve.Error, StringComparison.Ordinal);
        Assert.Equal(0.25, Margin(), 1e-9);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Clients_past_the_limit_are_refused_with_503()
    {
        using var serve = new ServeProcess(["--source", "file:" + Music("a.wav", 60, 1), "--max-clients", "1"]);
        using var first = await serve.Client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var second = await serve.Client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Contains("at most 1", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, Json(await serve.Client.GetStringAsync("/api/now")).GetProperty("clients").GetProperty("sse").GetInt32());
    }

    [Fact]
    public async Task The_page_and_its_files_come_from_the_program_with_nothing_from_elsewhere()
    {
        using var serve = new ServeProcess(["--source", "file:" + Music("a.wav", 10, 1)]);
        foreach (var path in new[] { "/", "/app.js", "/app.css", "/palette.js", "/overlay", "/overlay.js", "/overlay.css" })
        {
            var text = await serve.Client.GetStringAsync(path);
            Assert.DoesNotContain("http://", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("https://", text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("<canvas id=\"chart\"", await serve.Client.GetStringAsync("/"), StringComparison.Ordinal);
        using var outside = await serve.Client.GetAsync("/..%2f..%2fetc%2fpasswd");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        using var settings = await serve.Client.GetAsync("/settings.json");
        Assert.Equal(HttpStatusCode.NotFound, settings.StatusCode);
    }

    [Fact]
    public void A_port_in_use_is_one_line_and_exit_code_6()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (code, _, error) = GenreProcessTests.RunGenre("serve", "--port", port, "--source", "file:" + Music("a.wav", 5, 1));
        Assert.Equal(6, code);
        var line = Assert.Single(error, l => !l.Contains(" info: ", StringComparison.Ordinal)); // nothing before it but the start of the source
        Assert.StartsWith($"genre serve: cannot listen on 127.0.0.1:{port}: ", line, StringComparison.Ordinal);
        Assert.Contains("address already in use", line, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_ipv4_mapped_address_is_one_line_naming_the_address_to_use()
    {
        var (code, _, error) = GenreProcessTests.RunGenre("serve", "--port", "0", "--address", "::ffff:127.0.0.1", "--source", "file:" + Music("a.wav", 5, 1));
        Assert.Equal(2, code);
        var line = Assert.Single(error);
        Assert.Contains("use 127.0.0.1", line, StringComparison.Ordinal);
    }
}
