using System.Diagnostics;
using System.Text.Json;
using GenreStream.Host.Tests.Cli;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Listen;

public sealed class ListenCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static JsonElement[] Events(CliRunner.Result result) =>
        result.OutLines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();

    [SkippableFact]
    public void Raw_pcm_on_stdin_gives_the_genre_sequence_of_classify_timeline()
    {
        var data = Requires.SharedData();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH (apt-get install ffmpeg)");
        var clip = Path.Combine(data, "gtzan/disco/disco.00002.flac");
        var raw = _temp.File("clip.f32");
        Ffmpeg.Run("-i", clip, "-f", "f32le", "-ac", "1", "-ar", "22050", raw);

        var listened = CliRunner.Run(["listen", "--source", "-", "--format", "f32le", "--rate", "22050", "--channels", "1", "--json", "--fast"], File.ReadAllBytes(raw));
        var classified = CliRunner.Run(["classify", "--json", "--timeline", clip]);

        Assert.Equal(0, listened.ExitCode);
        var events = Events(listened);
        var genres = events.Where(e => e.GetProperty("type").GetString() == "genre").ToArray();
        using var timeline = JsonDocument.Parse(classified.OutLines[0]);
        var steps = timeline.RootElement.GetProperty("timeline").EnumerateArray()
            .Select(t => t.GetProperty("probabilities").EnumerateObject().MaxBy(p => p.Value.GetDouble()).Name).ToArray();
        Assert.Equal(steps, genres.Select(g => g.GetProperty("top").GetString()).ToArray());
        Assert.Equal("started", events[0].GetProperty("state").GetString());
        Assert.Equal("ended", events[^1].GetProperty("state").GetString());
        Assert.All(genres, g =>
        {
            Assert.Equal(10, g.GetProperty("probabilities").EnumerateObject().Count());
            Assert.Equal(1.0, g.GetProperty("smoothed").EnumerateObject().Sum(p => p.Value.GetDouble()), 1e-5);
            Assert.Equal(g.GetProperty("smoothed").GetProperty(g.GetProperty("top").GetString()!).GetDouble(), g.GetProperty("top_confidence").GetDouble(), 1e-6);

            // genre is the settled genre (the same as current), its confidence that genre's smoothed probability.
            Assert.Equal(g.GetProperty("current").ToString(), g.GetProperty("genre").ToString());
            if (g.GetProperty("genre").GetString() is { } settled)
            {
                Assert.Equal(g.GetProperty("smoothed").GetProperty(settled).GetDouble(), g.GetProperty("confidence").GetDouble(), 1e-6);
            }
        });
    }

    [Fact]
    public void A_file_read_fast_stops_at_the_duration_with_events_every_step_and_no_gaps()
    {
        var wav = _temp.Write("music.wav", new WavFileBuilder { SampleRate = 44100, Channels = 2 }.Build(BlockStreams.Interleave(Signals.MusicLike(44100, 20, 1), Signals.MusicLike(44100, 20, 2))));
        var result = CliRunner.Run(["listen", "--source", "file:" + wav, "--fast", "--json", "--duration", "9"]);
        Assert.Equal(0, result.ExitCode);
        var events = Events(result);
        var times = events.Where(e => e.GetProperty("type").GetString() == "genre").Select(e => e.GetProperty("time").GetDouble()).ToArray();

        // 9 s of audio at the model's rate: as many 3-s windows, every 1.5 s, as fit.
        var spec = GenreStream.Model.Features.FeatureSpec.Default;
        var frames = 1 + (((int)(9.0 * spec.SampleRate) - spec.FrameSize) / spec.HopSize);
        Assert.Equal(1 + ((frames - spec.TextureFrames) / spec.TextureHopFrames), times.Length);
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.Equal(spec.TextureHopFrames * spec.HopSize / (double)spec.SampleRate, pair.Second - pair.First, 1e-3));
        Assert.Equal("duration reached", events[^1].GetProperty("detail").GetString());
    }

    [Fact]
    public void A_file_without_fast_plays_at_real_time_pace()
    {
        var wav = _temp.Write("music.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 10, 3)));
        var clock = Stopwatch.StartNew();
        var result = CliRunner.Run(["listen", "--source", "file:" + wav, "--plain", "--duration", "3.5"]);
        Assert.Equal(0, result.ExitCode);
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(3), $"3.5 s of audio took only {clock.Elapsed.TotalSeconds:0.00} s");
        Assert.Contains(result.OutLines, l => l.Contains("source ended: duration reached", StringComparison.Ordinal));
    }

    [Fact]
    public void Silence_between_two_pieces_is_reported_and_holds_the_genre_still()
    {
        var music = Signals.MusicLike(22050, 9, 5);
        var samples = music.Concat(new float[22050 * 6]).Concat(Signals.MusicLike(22050, 9, 6)).ToArray();
        var wav = _temp.Write("gap.wav", new WavFileBuilder { SampleRate = 22050 }.Build(samples));

        // A model without an unknown detector: the synthetic "music" is not music to the bundled one.
        var result = CliRunner.Run(["listen", "--source", "file:" + wav, "--fast", "--model", TestModels.RandomFile()]);
        Assert.True(result.ExitCode == 0, result.Error);
        var events = Events(result);
        string Type(JsonElement e) => e.GetProperty("type").GetString()!;

        // The first music sets the genre: a change from nothing, before the first genre event.
        var first = Array.FindIndex(events, e => Type(e) == "genre");
        Assert.Equal("change", Type(events[first - 1]));
        Assert.Equal(JsonValueKind.Null, events[first - 1].GetProperty("from").ValueKind);

        var silence = events.Where(e => Type(e) == "silence").Select(e => e.GetProperty("state").GetString()!).ToArray();
        Assert.Equal(["silence", "music"], silence);
        var genres = events.Where(e => Type(e) == "genre").ToArray();
        var silent = genres.Where(g => g.GetProperty("silent").GetBoolean()).ToArray();
        Assert.NotEmpty(silent);
        Assert.All(silent, g => Assert.True(g.GetProperty("level").GetDouble() < -55));

        // While silent, the smoothed probabilities and the current genre do not move.
        var before = genres[Array.IndexOf(genres, silent[0]) - 1];
        Assert.All(silent, g =>
        {
            Assert.Equal(before.GetProperty("current").GetString(), g.GetProperty("current").GetString());
            Assert.Equal(before.GetProperty("smoothed").ToString(), g.GetProperty("smoothed").ToString());
        });
    }

    [Fact]
    public void Tracking_flags_out_of_range_are_usage_errors_naming_each()
    {
        var result = CliRunner.Run(["listen", "--margin", "2", "--hold", "-1", "--silence-threshold", "5", "--smoothing-method", "median"]);
        Assert.Equal(2, result.ExitCode);
        foreach (var flag in new[] { "--margin", "--hold", "--silence-threshold", "median" })
        {
            Assert.Contains(flag, result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_missing_file_is_one_line_and_exit_code_3()
    {
        var result = CliRunner.Run(["listen", "--source", "file:" + _temp.File("nope.wav"), "--json"]);
        Assert.Equal(3, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Contains("nope.wav", result.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void One_applications_audio_off_windows_is_one_line_and_exit_code_3()
    {
        Skip.If(OperatingSystem.IsWindows(), "process loopback is real on Windows");
        var result = CliRunner.Run(["listen", "--source", "app:spotify", "--json"]);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(
            "genre listen: app:spotify: one application's audio (app:spotify) is captured on Windows only (process loopback); on Linux use 'monitor' or a device from 'genre devices'",
            Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("listen", "--duration", "ten")]
    [InlineData("listen", "--margin", "wide")]
    [InlineData("listen", "--smoothing", "slow")]
    [InlineData("serve", "--port", "http")]
    [InlineData("serve", "--max-clients", "0")]
    [InlineData("classify", "--rate", "fast")]
    [InlineData("train", "--max-clip-windows", "many")]
    public void A_number_option_given_a_word_or_out_of_range_is_a_usage_error_naming_it(string command, string option, string value)
    {
        var result = CliRunner.Run([command, option, value]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(result.ErrorLines, l => l.Contains(option, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--source", "-")]
    [InlineData("--duration", "0")]
    public void Usage_errors_exit_2(string option, string value)
    {
        var result = CliRunner.Run(["listen", option, value]);
        Assert.Equal(2, result.ExitCode);
    }
}
