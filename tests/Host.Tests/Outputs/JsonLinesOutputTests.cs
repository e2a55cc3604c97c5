using System.Diagnostics;
using System.Text.Json;
using GenreStream.Host.Tests.Cli;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Outputs;

/// <summary><c>--jsonl</c> to files (rotated by size) and to a named pipe whose reader comes and goes.</summary>
public sealed class JsonLinesOutputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Music(int seconds) =>
        _temp.Write("music.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, seconds, 4)));

    [Fact]
    public void A_file_gets_every_event_and_is_rotated_by_size_keeping_three()
    {
        var log = _temp.File("events.jsonl");
        var result = CliRunner.Run(["listen", "--source", "file:" + Music(40), "--fast", "--json", "--jsonl", log, "--jsonl-max-mb", "0.004"]);
        Assert.True(result.ExitCode == 0, result.Error);

        var files = new[] { log, log + ".1", log + ".2", log + ".3" };
        Assert.All(files, f => Assert.True(File.Exists(f), $"{f} is missing"));
        Assert.False(File.Exists(log + ".4"));
        Assert.All(files, f => Assert.InRange(new FileInfo(f).Length, 1, 4 * 1024 * 1.05 + 2048));

        // The kept files hold the newest events, in order, each a whole JSON line, ending with what stdout ended with.
        var kept = files.Reverse().SelectMany(File.ReadAllLines).ToArray();
        Assert.All(kept, l => JsonDocument.Parse(l).Dispose());
        Assert.Equal(result.OutLines[^kept.Length..], kept);
    }

    [SkippableFact]
    public void A_named_pipe_whose_reader_closes_and_comes_back_keeps_receiving_and_the_pipeline_never_waits()
    {
        var fifo = _temp.NamedPipe("events.pipe");

        // The real program at real-time pace, its stdout read line by line with arrival times.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "genre.dll"), "listen", "--source", "file:" + Music(30), "--duration", "16", "--json", "--jsonl", fifo })
        {
            start.ArgumentList.Add(a);
        }

        using var listen = Process.Start(start)!;
        var error = listen.StandardError.ReadToEndAsync();
        var arrivals = new List<(TimeSpan At, string Line)>();
        var clock = Stopwatch.StartNew();
        var stdout = Task.Run(() =>
        {
            while (listen.StandardOutput.ReadLine() is { } line)
            {
                lock (arrivals)
                {
                    arrivals.Add((clock.Elapsed, line));
                }
            }
        });

        static List<string> ReadPipe(string path, int lines)
        {
            using var reader = new StreamReader(path);
            var got = new List<string>();
            while (got.Count < lines && reader.ReadLine() is { } line)
            {
                got.Add(line);
            }

            return got;
        }

        var first = ReadPipe(fifo, 3);   // a reader comes, reads three events and goes
        Thread.Sleep(TimeSpan.FromSeconds(4)); // nobody reads for a while
        var second = ReadPipe(fifo, 6);  // another reader comes
        Assert.True(listen.WaitForExit(TimeSpan.FromSeconds(60)));
        stdout.Wait();
        Assert.Equal(0, listen.ExitCode);

        static double Time(string json)
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.GetProperty("time").GetDouble();
        }

        Assert.Equal(3, first.Count);
        Assert.Equal(6, second.Count);
        Assert.True(Time(second[^1]) > Time(first[^1]), "the second reader got nothing new");
        Assert.Contains("reader went away", error.Result, StringComparison.Ordinal);

        // The pipeline went on at its pace throughout: genre events on stdout every step, none late.
        var genres = arrivals.Where(a => a.Line.Contains("\"type\":\"genre\"", StringComparison.Ordinal)).ToArray();
        Assert.True(genres.Length >= 8, $"{genres.Length} genre events");
        var times = genres.Select(g => Time(g.Line)).ToArray();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.Equal(1.509, pair.Second - pair.First, 0.01));
        var gaps = genres.Zip(genres.Skip(1), (a, b) => (b.At - a.At).TotalSeconds).ToArray();
        Assert.True(gaps.Max() < 3.5, $"stdout waited {gaps.Max():0.0} s between steps while the pipe had no reader");
    }
}
