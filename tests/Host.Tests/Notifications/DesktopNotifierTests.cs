using System.Diagnostics;
using System.Text.Json;
using GenreStream.Host.Live;
using GenreStream.Host.Notifications;
using GenreStream.Host.Tests.Cli;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Notifications;

/// <summary>Desktop notifications through a real private D-Bus session bus to a notification server the test runs on it.</summary>
[Trait("Category", "DBus")]
public sealed class DesktopNotifierTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly SessionBus _bus = new();
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        _bus.Dispose();
        _temp.Dispose();
    }

    private static bool Until(Func<bool> condition) => SpinWait.SpinUntil(condition, Patience);

    [SkippableFact]
    public async Task Each_change_replaces_the_one_notification_in_place()
    {
        Requires.Available(_bus.WhyUnavailable);
        using var server = await FakeNotificationServer.Start(_bus.Address!);
        var reports = new List<string>();
        using (var notifier = new DesktopNotifier(reports.Add, _bus.Address))
        {
            notifier.OnEvent(new GenreChanged(3, null, "jazz", 0.61f));
            Assert.True(Until(() => server.Calls.Count == 1), "the first Notify call did not arrive");
            notifier.OnEvent(new GenreUpdate(4.5, TestModels.Genres, "jazz", 0.6f, "jazz", 0.6f, false, new float[10], new float[10], -20)); // not a change: nothing shown
            notifier.OnEvent(new GenreChanged(6, "jazz", "blues", 0.55f));
            Assert.True(Until(() => server.Calls.Count == 2), "the second Notify call did not arrive");
            notifier.OnEvent(new GenreChanged(9, "blues", "rock", 0.7f));
            Assert.True(Until(() => server.Calls.Count == 3), "the third Notify call did not arrive");
            Assert.True(Until(() => notifier.Shown == 3));
            Assert.Equal(server.Calls.First().Answered, notifier.NotificationId);
        }

        var calls = server.Calls.ToArray();
        Assert.Equal(0u, calls[0].ReplacesId); // a new notification
        Assert.All(calls.Skip(1), c => Assert.Equal(calls[0].Answered, c.ReplacesId)); // then that one, replaced
        Assert.All(calls, c => Assert.Equal("genre", c.AppName));
        Assert.Equal(["Now playing: jazz", "Now playing: blues", "Now playing: rock"], calls.Select(c => c.Summary));
        Assert.Equal("55%, was jazz", calls[1].Body);
        Assert.Empty(reports);
    }

    [SkippableFact]
    public void Without_a_notification_server_the_failure_is_said_once()
    {
        Requires.Available(_bus.WhyUnavailable);
        var reports = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using (var notifier = new DesktopNotifier(reports.Enqueue, _bus.Address))
        {
            for (var i = 0; i < 4; i++)
            {
                notifier.OnEvent(new GenreChanged(3 * i, i == 0 ? null : TestModels.Genres[i - 1], TestModels.Genres[i], 0.6f));
                Assert.True(Until(() => !reports.IsEmpty), "the failure was not reported");
            }

            Thread.Sleep(500); // the last calls' answers (errors) come back
            Assert.Equal(0, notifier.Shown);
        }

        Assert.Single(reports);
        Assert.Contains("no desktop notification", reports.Single(), StringComparison.Ordinal);
        Assert.Contains("org.freedesktop.Notifications", reports.Single(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Genre_listen_notify_shows_the_genre_and_replaces_it_in_place()
    {
        Requires.Available(_bus.WhyUnavailable);
        using var server = await FakeNotificationServer.Start(_bus.Address!);
        // 12 s of classical then 12 s of metal, played at real-time pace (the notifications follow the music).
        var data = Requires.SharedData();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH (apt-get install ffmpeg)");
        var wav = _temp.File("classical-metal.wav");
        Ffmpeg.Run("-t", "12", "-i", Path.Combine(data, "gtzan/classical/classical.00003.flac"), "-t", "12", "-i", Path.Combine(data, "gtzan/metal/metal.00002.flac"), "-filter_complex", "concat=n=2:v=0:a=1", wav);
        var (code, output, error) = GenreProcessTests.RunGenreWith(
            new Dictionary<string, string> { ["DBUS_SESSION_BUS_ADDRESS"] = _bus.Address! },
            "listen", "--source", "file:" + wav, "--json", "--notify", "--preset", "responsive");
        Assert.True(code == 0, string.Join('\n', error));
        Assert.DoesNotContain(error, l => l.Contains("notification", StringComparison.Ordinal));
        var changes = output.Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("type").GetString() == "change").Select(e => e.GetProperty("to").GetString()).ToArray();
        Assert.True(changes.Length >= 2, $"{changes.Length} changes");
        Assert.True(Until(() => server.Calls.Count == changes.Length), $"{server.Calls.Count} Notify calls for {changes.Length} changes");
        var calls = server.Calls.ToArray();
        Assert.Equal(changes.Select(c => $"Now playing: {c}"), calls.Select(c => c.Summary));
        Assert.Equal(0u, calls[0].ReplacesId);
        Assert.All(calls.Skip(1), c => Assert.Equal(calls[0].Answered, c.ReplacesId));
    }

    [SkippableFact]
    public async Task Genre_serve_notify_shows_the_genre_on_the_session_bus()
    {
        Requires.Available(_bus.WhyUnavailable);
        using var server = await FakeNotificationServer.Start(_bus.Address!);
        var wav = _temp.Write("music.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 30, 3)));
        using var serve = new Serve.ServeProcess(
            ["--source", "file:" + wav, "--notify", "--model", TestModels.RandomFile()],
            start => start.Environment["DBUS_SESSION_BUS_ADDRESS"] = _bus.Address!);
        Assert.True(Until(() => !server.Calls.IsEmpty), serve.Error);
        var call = server.Calls.First();
        Assert.Equal("genre", call.AppName);
        Assert.Equal(0u, call.ReplacesId);
        Assert.Contains(call.Summary["Now playing: ".Length..], TestModels.Genres);
        Assert.EndsWith("%", call.Body, StringComparison.Ordinal);
        Assert.Equal(0, serve.LogLines("no desktop notification"));
        Assert.Equal(0, serve.Stop());
    }
}
