using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using GenreStream.TestSupport;
using Xunit.Abstractions;

namespace GenreStream.Host.Tests.Serve;

/// <summary>
/// Many clients on loopback at once (half Server-Sent Events, half WebSocket) against the real service: every
/// client receives every event in order, and the pipeline keeps real time. The figures go to the test log.
/// </summary>
[Trait("Category", "Load")]
public sealed class ServeLoadTests(ITestOutputHelper log) : IDisposable
{
    private const int Clients = 500;
    private const int EventsEach = 6;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Five_hundred_clients_each_get_every_event_in_order_while_the_pipeline_keeps_real_time()
    {
        var wav = _temp.Write("a.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 90, 1)));
        using var serve = new ServeProcess(["--source", "file:" + wav, "--max-clients", "600"]);
        var clock = Stopwatch.StartNew();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { BaseAddress = serve.Url, Timeout = Timeout.InfiniteTimeSpan };
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        // Each client: the times of the genre events it received, and when each arrived.
        var clients = Enumerable.Range(0, Clients)
            .Select(i => i % 2 == 0 ? Sse(http, clock, cancel.Token) : WebSocket(serve.Url, clock, cancel.Token))
            .ToArray();
        var received = await Task.WhenAll(clients);

        var hop = 1.509;
        foreach (var events in received)
        {
            Assert.Equal(EventsEach, events.Count);
            Assert.All(events.Zip(events.Skip(1)), pair => Assert.Equal(hop, pair.Second.Time - pair.First.Time, 0.01));
        }

        using var now = JsonDocument.Parse(await serve.Client.GetStringAsync("/api/now"));
        Assert.Equal(0, now.RootElement.GetProperty("clients").GetProperty("dropped_events").GetInt64());
        Assert.Equal(0, now.RootElement.GetProperty("dropped").GetDouble());

        // Real time: the audio clock kept pace with the wall clock while all of them listened.
        var latest = now.RootElement.GetProperty("latest").GetProperty("time").GetDouble();
        var uptime = now.RootElement.GetProperty("uptime").GetDouble();
        Assert.True(latest > uptime - 5, $"audio {latest:0.0} s after {uptime:0.0} s of service");

        // Fan-out spread: for each event, from the first client to the last receiving it.
        var spreads = received.SelectMany(r => r)
            .GroupBy(e => Math.Round(e.Time, 2))
            .Where(g => g.Count() == Clients)
            .Select(g => (g.Max(e => e.At) - g.Min(e => e.At)).TotalMilliseconds)
            .Order()
            .ToArray();
        Assert.NotEmpty(spreads);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Clients} clients ({Clients / 2} SSE, {Clients / 2} WebSocket), {EventsEach} genre events each: all in order, none dropped; fan-out spread median {spreads[spreads.Length / 2]:0.0} ms, max {spreads[^1]:0.0} ms over {spreads.Length} events received by every client"));
    }

    private static async Task<List<(double Time, TimeSpan At)>> Sse(HttpClient http, Stopwatch clock, CancellationToken cancel)
    {
        using var response = await http.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead, cancel);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel));
        var events = new List<(double, TimeSpan)>();
        while (events.Count < EventsEach && await reader.ReadLineAsync(cancel) is { } line)
        {
            if (line.StartsWith("data: {\"type\":\"genre\"", StringComparison.Ordinal))
            {
                events.Add((TimeOf(line["data: ".Length..]), clock.Elapsed));
            }
        }

        return events;
    }

    private static async Task<List<(double Time, TimeSpan At)>> WebSocket(Uri url, Stopwatch clock, CancellationToken cancel)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{url.Authority}/ws"), cancel);
        var events = new List<(double, TimeSpan)>();
        var buffer = new byte[16 * 1024];
        while (events.Count < EventsEach)
        {
            var length = 0;
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), cancel);
                length += result.Count;
            }
            while (!result.EndOfMessage);

            var text = Encoding.UTF8.GetString(buffer, 0, length);
            if (text.StartsWith("{\"type\":\"genre\"", StringComparison.Ordinal))
            {
                events.Add((TimeOf(text), clock.Elapsed));
            }
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        return events;
    }

    private static double TimeOf(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("time").GetDouble();
    }
}
