using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GenreStream.TestSupport;
using Xunit.Abstractions;

namespace GenreStream.Host.Tests.Serve;

/// <summary>
/// 5,000 malformed requests from <see cref="MalformedRequests"/> (seed 20250801) against the real <c>genre serve</c>
/// on loopback, eight at a time, while a Server-Sent Events client listens: the client keeps receiving every genre
/// event at the hop, in real time; no request gets a 500 (a 505 for HTTP/2.0 or 503 past the client limit is an answer, not a failure); the log never shows a stack trace.
/// </summary>
public sealed class ServeMutationTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20_250_801;
    private const int Count = 5_000;
    private static readonly TimeSpan PerRequest = TimeSpan.FromSeconds(20);

    /// <summary>How long a WebSocket client reads on for the service to close after its frames (most frames are broken, and it closes at once).</summary>
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(1);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Five_thousand_malformed_requests_leave_the_events_on_time_and_the_log_without_a_stack_trace()
    {
        var wav = _temp.Write("a.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 180, 1)));
        using var serve = new ServeProcess(["--source", "file:" + wav]);
        var before = serve.Now();
        using var stop = new CancellationTokenSource();
        var genres = new ConcurrentQueue<double>();
        var counted = 0;
        var listening = EventStream.ReadSse(
            serve.Client,
            events =>
            {
                for (; counted < events.Count; counted++)
                {
                    if (EventStream.Type(events[counted]) == "genre")
                    {
                        genres.Enqueue(events[counted].GetProperty("time").GetDouble());
                    }
                }

                return stop.IsCancellationRequested;
            },
            TimeSpan.FromMinutes(3));

        var clock = Stopwatch.StartNew();
        var statuses = new ConcurrentDictionary<string, int>();
        var serverErrors = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(MalformedRequests.Generate(Seed, Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (request, cancel) =>
        {
            if (request.HangsUp)
            {
                await RawHttp.HangUp(serve.Url, request.Bytes, PerRequest);
                statuses.AddOrUpdate("hung up", 1, (_, n) => n + 1);
                return;
            }

            var status = await RawHttp.Exchange(serve.Url, [request.Bytes], TimeSpan.Zero, PerRequest, request.WebSocket ? Linger : TimeSpan.Zero);
            statuses.AddOrUpdate($"{(request.WebSocket ? "ws " : string.Empty)}{status}", 1, (_, n) => n + 1);
            if (status == 500)
            {
                serverErrors.Enqueue($"{status} for {request}");
            }
        });
        var spent = clock.Elapsed;

        // One more genre event after the last request, then stop listening.
        var seen = genres.Count;
        Assert.True(ServeProcess.WaitUntil(() => genres.Count > seen + 1, TimeSpan.FromSeconds(30)), serve.Error);
        await stop.CancelAsync();
        // The SSE reader looks at the flag on its next event.
        Assert.Same(listening, await Task.WhenAny(listening, Task.Delay(TimeSpan.FromSeconds(10))));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Count} requests in {spent.TotalSeconds:0.0} s; statuses {string.Join(", ", statuses.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}"))}; {genres.Count} genre events meanwhile"));
        Assert.True(serverErrors.IsEmpty, string.Join('\n', serverErrors.Take(5)));
        Assert.False(ServeClientErrorTests.HasStackTrace(serve.Error), serve.Error[..Math.Min(serve.Error.Length, 4000)]);

        // Every genre event at the hop, none missing, and the audio clock kept up with the wall clock.
        var times = genres.ToArray();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.Equal(1.509, pair.Second - pair.First, 0.01));
        var after = serve.Now();
        Assert.Equal(before.GetProperty("source").GetString(), after.GetProperty("source").GetString());
        Assert.Equal("started", after.GetProperty("source_state").GetString());
        var latest = after.GetProperty("latest").GetProperty("time").GetDouble();
        var uptime = after.GetProperty("uptime").GetDouble();
        Assert.True(latest > uptime - 5, $"audio {latest:0.0} s after {uptime:0.0} s of service");
        Assert.False(serve.HasExited);
    }
}
