using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using GenreStream.Host.Tests.Serve;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Notifications;

/// <summary><c>genre serve</c> under a stand-in for systemd: a unix datagram socket as <c>NOTIFY_SOCKET</c>, reading what it is told.</summary>
public sealed class SystemdStatusTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Status_says_the_genre_and_the_watchdog_is_fed_at_half_its_interval()
    {
        var path = _temp.File("notify.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        var received = new ConcurrentQueue<(DateTime At, string Text)>();
        using var stop = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            try
            {
                while (true)
                {
                    var n = await socket.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                    received.Enqueue((DateTime.UtcNow, Encoding.UTF8.GetString(buffer, 0, n)));
                }
            }
            catch (OperationCanceledException)
            {
                // Done.
            }
        });

        var wav = _temp.Write("music.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 60, 3)));
        using (var serve = new ServeProcess(["--source", "file:" + wav, "--model", TestModels.RandomFile()], start =>
        {
            start.Environment["NOTIFY_SOCKET"] = path;
            start.Environment["WATCHDOG_USEC"] = "2000000";
            start.Environment.Remove("WATCHDOG_PID");
        }))
        {
            Assert.True(SpinWait.SpinUntil(() => received.Any(r => r.Text.StartsWith("STATUS=playing ", StringComparison.Ordinal)), Patience), string.Join(" | ", received.Select(r => r.Text)));
            Assert.True(SpinWait.SpinUntil(() => received.Count(r => r.Text == "WATCHDOG=1") >= 4, Patience), string.Join(" | ", received.Select(r => r.Text)));
            var genre = received.First(r => r.Text.StartsWith("STATUS=playing ", StringComparison.Ordinal)).Text["STATUS=playing ".Length..];
            Assert.Contains(genre, TestModels.Genres);
            Assert.Equal(0, serve.Stop());
        }

        await stop.CancelAsync();
        await reading;

        // The status changes only with what it says: no repeats in a row.
        var statuses = received.Where(r => r.Text.StartsWith("STATUS=", StringComparison.Ordinal)).Select(r => r.Text).ToArray();
        Assert.All(statuses.Zip(statuses.Skip(1)), p => Assert.NotEqual(p.First, p.Second));
    }
}
