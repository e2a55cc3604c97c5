using System.Diagnostics;
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
        var data = Requires.SharedData();
        var clip = Path.Combine(data, "gtzan/disco/disco.00002.flac");
        using var offline = JsonDocument.Parse(CliRunner.Run(["classify", "--json", clip]).OutLines[0]);
        var expected = offline.RootElement.GetProperty("genre").GetString();

        var info = new ProcessStartInfo("paplay") { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add("--device=test_sink");
        info.ArgumentList.Add(clip);
        _pulse.Configure(info);
        using var player = Process.Start(info)!;
        try
        {
            var result = CliRunner.Run(["listen", "--server", _pulse.Server, "--source", "test_sink.monitor", "--json", "--duration", "15"]);
            Assert.True(result.ExitCode == 0, result.Error);
            var events = result.OutLines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();
            Assert.Equal("started", events[0].GetProperty("state").GetString());
            Assert.Equal("duration reached", events[^1].GetProperty("detail").GetString());
            var genres = events.Where(e => e.GetProperty("type").GetString() == "genre").ToArray();
            Assert.True(genres.Length >= 7, $"{genres.Length} genre events");
            var times = genres.Select(g => g.GetProperty("time").GetDouble()).ToArray();
            Assert.All(times.Zip(times.Skip(1)), pair => Assert.Equal(1.509, pair.Second - pair.First, 0.01));
            var majority = genres.GroupBy(g => g.GetProperty("genre").GetString()).MaxBy(g => g.Count())!.Key;
            Assert.Equal(expected, majority);
        }
        finally
        {
            if (!player.HasExited)
            {
                player.Kill();
            }
        }
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
        using var offline = JsonDocument.Parse(CliRunner.Run(["classify", "--json", clip]).OutLines[0]);
        var expected = offline.RootElement.GetProperty("genre").GetString();

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

        var info = new ProcessStartInfo("paplay") { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add("--device=mic_feed");
        info.ArgumentList.Add(clip);
        _pulse.Configure(info);
        using var player = Process.Start(info)!;
        try
        {
            var result = CliRunner.Run(["listen", "--server", _pulse.Server, "--source", "mic", "--json", "--duration", "15"]);
            Assert.True(result.ExitCode == 0, result.Error);
            var genres = result.OutLines.Select(l => JsonDocument.Parse(l).RootElement.Clone())
                .Where(e => e.GetProperty("type").GetString() == "genre").ToArray();
            Assert.True(genres.Length >= 7, $"{genres.Length} genre events");
            Assert.Equal(expected, genres.GroupBy(g => g.GetProperty("genre").GetString()).MaxBy(g => g.Count())!.Key);
            Assert.Contains(genres, g => g.GetProperty("level").GetDouble() > -60);
        }
        finally
        {
            if (!player.HasExited)
            {
                player.Kill();
            }
        }
    }
}
