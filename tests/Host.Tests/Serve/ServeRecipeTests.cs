using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using GenreStream.Host.Tests.Cli;
using GenreStream.Host.Tests.Live;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Serve;

/// <summary>The README's recipes for reading <c>genre serve</c>'s events, run as they are shown (only the port changed).</summary>
public sealed class ServeRecipeTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private ServeProcess Serve() =>
        new(["--source", "file:" + _temp.Write("music.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 90, 4))), "--model", TestModels.RandomFile()]);

    /// <summary>Runs <paramref name="command"/> in bash until its output satisfies <paramref name="enough"/>, then stops it; returns the lines.</summary>
    private static List<string> RunUntil(string command, Func<List<string>, bool> enough)
    {
        var lines = new ConcurrentQueue<string>();
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", "exec " + command.Trim()]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var error = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                error.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var done = SpinWait.SpinUntil(() => enough([.. lines]) || process.HasExited, Patience);
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        Assert.True(done && enough([.. lines]), $"{command}: {string.Join(" | ", lines)} {string.Join(" | ", error)}");
        return [.. lines];
    }

    /// <summary>(id, event, data) of each whole SSE frame in <paramref name="lines"/>.</summary>
    private static List<(long Id, string Event, JsonElement Data)> Frames(List<string> lines)
    {
        var frames = new List<(long, string, JsonElement)>();
        for (var i = 0; i + 2 < lines.Count; i++)
        {
            if (lines[i].StartsWith("id: ", StringComparison.Ordinal) && lines[i + 1].StartsWith("event: ", StringComparison.Ordinal) && lines[i + 2].StartsWith("data: ", StringComparison.Ordinal))
            {
                using var json = JsonDocument.Parse(lines[i + 2]["data: ".Length..]);
                frames.Add((long.Parse(lines[i]["id: ".Length..], System.Globalization.CultureInfo.InvariantCulture), lines[i + 1]["event: ".Length..], json.RootElement.Clone()));
            }
        }

        return frames;
    }

    [Fact]
    public void Curl_reads_the_events_and_goes_on_from_the_last_id()
    {
        using var serve = Serve();
        var recipe = ReadmeBlocks.After("**Events with curl**", "bash").Replace("http://127.0.0.1:8765", $"http://{serve.Url.Authority}", StringComparison.Ordinal);
        var first = Frames(RunUntil(recipe, l => Frames(l).Count >= 3));
        Assert.All(first, f =>
        {
            EventSchemaCheck.Valid(f.Data);
            Assert.Equal(f.Data.GetProperty("type").GetString(), f.Event);
        });

        // The README's resume line, with the last id seen.
        var text = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot!, "README.md"));
        var resume = System.Text.RegularExpressions.Regex.Match(text, "`(curl -sN -H 'Last-Event-ID: <id>' [^`]+)`").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(resume), "README has no resume recipe");
        var last = first[^1].Id;
        var again = Frames(RunUntil(
            resume.Replace("<id>", last.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("http://127.0.0.1:8765", $"http://{serve.Url.Authority}", StringComparison.Ordinal),
            l => Frames(l).Count >= 2));
        Assert.Equal([last + 1, last + 2], again.Take(2).Select(f => f.Id));
        Assert.Equal(0, serve.Stop());
    }

    [SkippableFact]
    public void The_python_websocket_client_prints_one_event_per_line()
    {
        var python = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import websockets"]) { RedirectStandardError = true, UseShellExecute = false })!;
        python.WaitForExit();
        Requires.Available(python.ExitCode == 0 ? null : "python3-websockets is not installed (apt-get install python3-websockets)");
        using var serve = Serve();
        var recipe = ReadmeBlocks.After("**Events over WebSocket**", "bash")
            .Replace("ws://127.0.0.1:8765", $"ws://{serve.Url.Authority}", StringComparison.Ordinal)
            .Replace("python3 -c", "/usr/bin/python3 -c", StringComparison.Ordinal); // the system Python, which has the Debian package
        var lines = RunUntil(recipe, l => l.Count >= 3);
        foreach (var line in lines.Take(3))
        {
            using var json = JsonDocument.Parse(line);
            EventSchemaCheck.Valid(json.RootElement);
        }

        Assert.Equal(0, serve.Stop());
    }
}
