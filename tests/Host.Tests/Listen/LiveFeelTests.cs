using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GenreStream.TestSupport;
using Xunit.Abstractions;

namespace GenreStream.Host.Tests.Listen;

/// <summary>
/// How long a change in the music takes to reach <c>genre listen --json</c>'s <c>change</c> event, per
/// <c>--preset</c>, measured for real: 20 s of a classical clip and then a metal clip (both of which the bundled
/// model gets right) played without a gap into a PulseAudio null sink, and <c>listen</c> recording its monitor.
/// The delays are reported (test output and <c>artifacts/live-feel.tsv</c>), never asserted: only that each
/// preset ends with a change to metal.
/// </summary>
[Trait("Category", "PulseServer")]
public sealed class LiveFeelTests(ITestOutputHelper log) : IDisposable
{
    private const double SwitchSeconds = 20;
    private readonly PulseServer _pulse = new();
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        _pulse.Dispose();
        _dir.Dispose();
    }

    [SkippableFact]
    public void Each_preset_follows_a_change_from_classical_to_metal_with_a_change_event_and_the_delays_are_reported()
    {
        Requires.Available(_pulse.WhyUnavailable);
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not installed");
        var data = Requires.SharedData();
        var clip = _dir.File("classical-then-metal.wav");
        Ffmpeg.Run(
            "-i", Path.Combine(data, "gtzan/classical/classical.00004.flac"), "-i", Path.Combine(data, "gtzan/metal/metal.00000.flac"),
            "-filter_complex", $"[0:a]atrim=0:{SwitchSeconds.ToString(CultureInfo.InvariantCulture)}[a];[1:a]atrim=0:30[b];[a][b]concat=n=2:v=0:a=1", clip);

        // More runs for the README's figures: GENRE_LIVE_FEEL_RUNS=3.
        var runs = int.TryParse(Environment.GetEnvironmentVariable("GENRE_LIVE_FEEL_RUNS"), out var n) && n > 0 ? n : 1;
        var report = new StringBuilder("preset\trun\tphase_s\traw_top_s\tsmoothed_top_s\tchange_event_s\n");
        foreach (var preset in new[] { "steady", "responsive" })
        {
            for (var run = 1; run <= runs; run++)
            {
                // Each run starts the music at another point of the 1.5 s hop, as music changes at any moment.
                var delays = Measure(clip, preset, TimeSpan.FromSeconds(1.5 * (run - 1) / runs));
                var line = string.Create(CultureInfo.InvariantCulture, $"{preset}\t{run}\t{1.5 * (run - 1) / runs:F2}\t{delays.Raw:F2}\t{delays.Smoothed:F2}\t{delays.Change:F2}");
                log.WriteLine(line);
                report.AppendLine(line);
            }
        }

        var root = Environment.GetEnvironmentVariable("GENRE_TEST_ARTIFACTS") is { Length: > 0 } configured ? configured : Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "live-feel.tsv"), report.ToString());
        log.WriteLine($"written to {Path.Combine(root, "live-feel.tsv")}");
    }

    /// <summary>
    /// Seconds from the switch to metal in the audio (wall clock: when <c>paplay</c> started plus 20 s) to the first
    /// event whose raw top genre is metal, whose top smoothed genre is metal, and to the <c>change</c> event to metal.
    /// </summary>
    private (double Raw, double Smoothed, double Change) Measure(string clip, string preset, TimeSpan phase)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "genre.dll"), "listen", "--json", "--source", "test_sink.monitor", "--server", _pulse.Server, "--preset", preset })
        {
            start.ArgumentList.Add(a);
        }

        _pulse.Configure(start);
        var clock = Stopwatch.StartNew();
        var lines = new BlockingCollection<(double At, JsonElement Event)>();
        using var listen = Process.Start(start)!;
        var errors = new ConcurrentQueue<string>();
        listen.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                errors.Enqueue(e.Data);
            }
        };
        listen.BeginErrorReadLine();
        var reading = Task.Run(() =>
        {
            while (listen.StandardOutput.ReadLine() is { } line)
            {
                var at = clock.Elapsed.TotalSeconds;
                using var doc = JsonDocument.Parse(line);
                lines.Add((at, doc.RootElement.Clone()));
            }

            lines.CompleteAdding();
        });

        AudioPlayer? player = null;
        try
        {
            // Play once listen records: its first genre step (the idle sink's silence) has come.
            var waited = Next(lines, e => e.GetProperty("type").GetString() == "genre", TimeSpan.FromSeconds(60));
            Assert.True(waited is not null, $"listen gave no genre event: {string.Join(" | ", errors)}");
            Thread.Sleep(phase); // where in the hop the music starts (not a wait for anything)
            player = _pulse.Play(clip);
            var switchAt = clock.Elapsed.TotalSeconds + SwitchSeconds;

            // Before the switch the genre settles on classical. The first genre is taken at the first window of music, which
            // may still hold the silence before it and read as another genre, so the genre settled just before the switch counts.
            string? settled = null;
            while (clock.Elapsed.TotalSeconds < switchAt - 0.5)
            {
                if (lines.TryTake(out var early, TimeSpan.FromMilliseconds(100)) && early.Event.GetProperty("type").GetString() == "change")
                {
                    settled = early.Event.GetProperty("to").GetString();
                }
            }

            Assert.True(settled is not null, $"{preset}: no change event before the switch");
            Assert.Equal("classical", settled);

            double? raw = null, smoothed = null;
            (double At, JsonElement Event)? change = null;
            var deadline = switchAt + 40;
            while (change is null && clock.Elapsed.TotalSeconds < deadline && lines.TryTake(out var item, TimeSpan.FromSeconds(Math.Max(0, deadline - clock.Elapsed.TotalSeconds))))
            {
                if (item.At < switchAt)
                {
                    continue;
                }

                switch (item.Event.GetProperty("type").GetString())
                {
                    case "genre":
                        raw ??= Top(item.Event.GetProperty("probabilities")) == "metal" ? item.At : null;
                        smoothed ??= Top(item.Event.GetProperty("smoothed")) == "metal" ? item.At : null;
                        break;
                    case "change":
                        change = item;
                        break;
                }
            }

            Assert.True(change is not null, $"{preset}: no change event within 40 s of the switch to metal");
            Assert.Equal("metal", change.Value.Event.GetProperty("to").GetString());
            return ((raw ?? double.NaN) - switchAt, (smoothed ?? double.NaN) - switchAt, change.Value.At - switchAt);
        }
        finally
        {
            player?.Dispose();
            if (!listen.HasExited)
            {
                listen.Kill();
            }

            listen.WaitForExit(10_000);
            reading.Wait(TimeSpan.FromSeconds(10));
        }
    }

    private static (double At, JsonElement Event)? Next(BlockingCollection<(double At, JsonElement Event)> lines, Func<JsonElement, bool> wanted, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && lines.TryTake(out var item, Max(TimeSpan.Zero, timeout - clock.Elapsed)))
        {
            if (wanted(item.Event))
            {
                return item;
            }
        }

        return null;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Top(JsonElement probabilities) =>
        probabilities.EnumerateObject().MaxBy(p => p.Value.GetDouble()).Name;
}
