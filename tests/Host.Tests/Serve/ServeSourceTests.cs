using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using GenreStream.Host.Serve;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Serve;

/// <summary>Sources chosen through <c>genre serve</c>'s API that fail or never start: reported, retried sparingly, and leaving nothing behind.</summary>
public sealed class ServeSourceTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Music(string name) => _temp.Write(name, new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 60, 1)));

    private static async Task<HttpStatusCode> Switch(ServeProcess serve, string source)
    {
        using var response = await serve.Client.PostAsync("/api/source", new StringContent(JsonSerializer.Serialize(new Dictionary<string, string> { ["source"] = source }), Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }

    [Fact]
    public void Retries_wait_1_2_4_seconds_and_so_on_up_to_a_minute()
    {
        Assert.Equal(
            new[] { 1, 2, 4, 8, 16, 32, 60, 60 },
            new[] { 1, 2, 3, 4, 5, 6, 7, 100 }.Select(n => (int)ListenerService.RetryDelay(n).TotalSeconds));
    }

    [Fact]
    public async Task An_unknown_device_is_lost_with_its_reason_retried_with_backoff_and_logged_once_and_cut_short()
    {
        // No audio server at this address: every device fails at once, as an unknown one does with a server.
        using var serve = new ServeProcess(["--source", "file:" + Music("a.wav"), "--server", "unix:" + _temp.File("no-server")]);
        Assert.True(ServeProcess.WaitUntil(() => serve.Now().GetProperty("source_state").GetString() == "started", Patience), serve.Error);

        var device = "bogus-device-" + new string('x', 1000);
        Assert.Equal(HttpStatusCode.Accepted, await Switch(serve, device));
        Assert.True(ServeProcess.WaitUntil(() => serve.Now().GetProperty("source_failures").GetInt32() >= 3, Patience), serve.Error);
        var now = serve.Now();
        Assert.Equal(device, now.GetProperty("source").GetString());
        Assert.Equal("lost", now.GetProperty("source_state").GetString());
        Assert.Contains("PulseAudio", now.GetProperty("source_detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("a.wav", now.GetProperty("source_detail").GetString(), StringComparison.Ordinal);

        // Three failures, one log line, and that line does not carry the whole name.
        var failed = serve.Error.Split('\n').Where(l => l.Contains("bogus-device", StringComparison.Ordinal) && l.Contains("trying again", StringComparison.Ordinal)).ToArray();
        var line = Assert.Single(failed);
        Assert.Contains("trying again in 1 s", line, StringComparison.Ordinal);
        Assert.Contains("(1013 characters)", line, StringComparison.Ordinal);
        Assert.True(line.Length < 700, line);
        Assert.All(serve.Error.Split('\n'), l => Assert.True(l.Length < 1000, l));
    }

    [SkippableFact]
    public async Task A_named_pipe_without_a_writer_leaves_no_thread_behind_when_switched_away()
    {
        Requires.Available(OperatingSystem.IsLinux() ? null : "named pipes and /proc are Linux's");
        var music = Music("a.wav");
        var fifo = _temp.File("fifo");
        using (var make = Process.Start("mkfifo", [fifo]))
        {
            make.WaitForExit();
            Assert.Equal(0, make.ExitCode);
        }

        using var serve = new ServeProcess(["--source", "file:" + music], s => s.Environment["GENRE_Serve__MediaFolders__0"] = _temp.Path);
        Assert.True(ServeProcess.WaitUntil(() => serve.Now().GetProperty("source_state").GetString() == "started", Patience), serve.Error);
        int Threads() => Directory.GetDirectories($"/proc/{serve.Id}/task").Length;
        var before = Threads();

        const int Switches = 50;
        for (var i = 1; i <= Switches; i++)
        {
            // Each time the service really starts on the pipe (and waits for a writer) before it is switched away.
            Assert.Equal(HttpStatusCode.Accepted, await Switch(serve, "file:" + fifo));
            Assert.True(ServeProcess.WaitUntil(() => serve.LogLines($"listening to file:{fifo}") >= i, Patience), serve.Error);
            Assert.Equal(HttpStatusCode.Accepted, await Switch(serve, "file:" + music));
            Assert.True(ServeProcess.WaitUntil(() => serve.LogLines($"listening to file:{music}") >= i + 1, Patience), serve.Error);
        }

        // A leak would be one thread per switch; the thread pool may grow by a few.
        var after = Threads();
        Assert.True(after - before < 15, $"{before} threads before {Switches} switches to a named pipe, {after} after");
        Assert.True(ServeProcess.WaitUntil(() => serve.Now().GetProperty("source_state").GetString() == "started", Patience), serve.Error);
    }
}
