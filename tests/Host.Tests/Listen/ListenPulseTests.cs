using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Text.Json;
using GenreStream.Host.Tests.Cli;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Listen;

/// <summary><c>genre listen</c> and <c>genre devices</c> against a real, private PulseAudio server with a null sink.</summary>
[Trait("Category", "PulseServer")]
public sealed class ListenPulseTests : IDisposable
{
    private readonly PulseServer _pulse = new();

    public void Dispose() => _pulse.Dispose();

    [SkippableFact]
    public void Loopback_of_a_real_clip_gives_its_genre_with_no_gaps()
    {
        Requires.Available(_pulse.WhyUnavailable);
        var clip = Path.Combine(Requires.SharedData(), "gtzan/disco/disco.00002.flac");
        var (_, events) = Loopback.Listen(_pulse, clip, "test_sink", "--source", "test_sink.monitor", "--duration", "15");
        Assert.Equal("started", events[0].GetProperty("state").GetString());
        Assert.Equal("duration reached", events[^1].GetProperty("detail").GetString());
        var genres = Loopback.Genres(events);
        Assert.True(genres.Length >= 7, $"{genres.Length} genre events");
        var times = genres.Select(g => g.GetProperty("time").GetDouble()).ToArray();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.Equal(1.509, pair.Second - pair.First, 0.01));
        Assert.Equal(Loopback.Offline(clip), Loopback.Majority(genres));
    }

    [SkippableFact]
    public void Verbose_measures_the_latency_from_the_server_to_each_windows_event()
    {
        Requires.Available(_pulse.WhyUnavailable);
        var clip = Path.Combine(Requires.SharedData(), "gtzan/jazz/jazz.00001.flac");
        var (result, events) = Loopback.Listen(_pulse, clip, "test_sink", "--source", "test_sink.monitor", "--verbose", "--duration", "8");
        var latencies = Loopback.Genres(events).Select(e => e.GetProperty("latency_ms").GetDouble()).ToArray();
        Assert.True(latencies.Length >= 3, $"{latencies.Length} genre events");
        Assert.All(latencies, ms => Assert.True(double.IsFinite(ms) && ms >= 0, $"latency {ms} ms"));

        // The summary on standard error covers the same windows, and its figures are ordered.
        var summary = Regex.Match(result.Error, @"median (?<median>[0-9.]+) ms, p99 (?<p99>[0-9.]+) ms, max (?<max>[0-9.]+) ms \((?<n>\d+) windows\)");
        Assert.True(summary.Success, result.Error);
        double Figure(string name) => double.Parse(summary.Groups[name].Value, CultureInfo.InvariantCulture);
        Assert.Equal(latencies.Length, (int)Figure("n"));
        Assert.True(Figure("median") <= Figure("p99") && Figure("p99") <= Figure("max"), result.Error);
        Assert.Equal(latencies.Max(), Figure("max"), 0.051);
    }

    [SkippableFact]
    public void Devices_lists_the_null_sinks_monitor()
    {
        Requires.Available(_pulse.WhyUnavailable);
        var result = CliRunner.Run(["devices", "--json", "--server", _pulse.Server]);
        Assert.Equal(0, result.ExitCode);
        var monitor = result.OutLines.Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .Single(d => d.GetProperty("name").GetString() == "test_sink.monitor");
        Assert.True(monitor.GetProperty("monitor").GetBoolean());
        Assert.Equal(44100, monitor.GetProperty("sampleRate").GetInt32());
    }

    [SkippableFact]
    public void Devices_as_text_has_a_header_over_its_columns()
    {
        Requires.Available(_pulse.WhyUnavailable);
        var result = CliRunner.Run(["devices", "--server", _pulse.Server]);
        Assert.Equal(0, result.ExitCode);
        var header = result.OutLines[0];
        Assert.Matches(@"^source \(--source\) +rate +channels +kind +description$", header);
        var monitor = result.OutLines.Single(l => l.StartsWith("test_sink.monitor ", StringComparison.Ordinal));
        Assert.Matches(@"^test_sink\.monitor +44100 Hz +2 +monitor +\S", monitor);

        // Numbers end where their heading ends, words start where theirs starts.
        Assert.Equal(header.IndexOf("rate", StringComparison.Ordinal) + "rate".Length, monitor.IndexOf(" Hz", StringComparison.Ordinal) + " Hz".Length);
        Assert.Equal(header.IndexOf(" kind", StringComparison.Ordinal), monitor.IndexOf(" monitor", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void A_device_that_does_not_exist_says_to_list_them_with_genre_devices()
    {
        Requires.Available(_pulse.WhyUnavailable);
        var result = CliRunner.Run(["listen", "--server", _pulse.Server, "--source", "no_such_source", "--json", "--duration", "3"]);
        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("no capture device 'no_such_source'", line, StringComparison.Ordinal);
        Assert.EndsWith("list them with 'genre devices'", line, StringComparison.Ordinal);
    }

    [Fact]
    public void No_server_is_one_line_naming_other_sources_and_exit_code_4()
    {
        var nowhere = "unix:" + Path.Combine(Path.GetTempPath(), $"no-pulse-{Guid.NewGuid():N}", "socket");
        var listen = CliRunner.Run(["listen", "--server", nowhere, "--json"]);
        Assert.Equal(4, listen.ExitCode);
        Assert.Single(listen.ErrorLines);
        Assert.Contains("--source", listen.Error, StringComparison.Ordinal);

        var devices = CliRunner.Run(["devices", "--server", nowhere]);
        Assert.Equal(4, devices.ExitCode);
    }

    [SkippableFact]
    public void When_the_server_dies_and_comes_back_the_source_is_lost_then_recovered_and_events_go_on()
    {
        Requires.Available(_pulse.WhyUnavailable);
        var listening = Task.Run(() => CliRunner.Run(["listen", "--server", _pulse.Server, "--source", "test_sink.monitor", "--json", "--duration", "12"]));
        Thread.Sleep(TimeSpan.FromSeconds(5));
        _pulse.Restart();
        Requires.Available(_pulse.WhyUnavailable);
        Assert.True(listening.Wait(TimeSpan.FromSeconds(60)), "listen did not finish after the server came back");

        var result = listening.Result;
        Assert.True(result.ExitCode == 0, result.Error);
        var events = result.OutLines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();
        var states = events.Where(e => e.GetProperty("type").GetString() == "source").Select(e => e.GetProperty("state").GetString()!).ToArray();
        Assert.Equal(new[] { "started", "lost", "recovered", "ended" }, states);
        var recovered = Array.FindIndex(events, e => e.GetProperty("type").GetString() == "source" && e.GetProperty("state").GetString() == "recovered");
        Assert.Contains(events.Skip(recovered), e => e.GetProperty("type").GetString() == "genre");
    }

    [SkippableFact]
    public void The_default_input_is_captured_as_mic()
    {
        Requires.Available(_pulse.WhyUnavailable);
        var data = Requires.SharedData();
        var clip = Path.Combine(data, "gtzan/metal/metal.00002.flac");
        var expected = Loopback.Offline(clip);

        // A virtual microphone: a second null sink whose monitor is remapped into a source, made the default input.
        foreach (var command in new[]
        {
            new[] { "load-module", "module-null-sink", "sink_name=mic_feed", "rate=44100", "channels=2" },
            new[] { "load-module", "module-remap-source", "master=mic_feed.monitor", "source_name=virtual_mic" },
            new[] { "set-default-source", "virtual_mic" },
        })
        {
            var (code, output) = _pulse.Run("pactl", command);
            Assert.True(code == 0, $"pactl {string.Join(' ', command)}: {output}");
        }

        var (_, events) = Loopback.Listen(_pulse, clip, "mic_feed", "--source", "mic", "--duration", "15");
        var genres = Loopback.Genres(events);
        Assert.True(genres.Length >= 7, $"{genres.Length} genre events");
        Assert.Equal(expected, Loopback.Majority(genres));
        Assert.Contains(genres, g => g.GetProperty("level").GetDouble() > -60);
    }
}
