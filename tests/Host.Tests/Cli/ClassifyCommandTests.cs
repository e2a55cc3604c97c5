using System.Text.Json;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Cli;

public sealed class ClassifyCommandTests : IDisposable
{
    private static readonly string[] Genres = TestModels.Genres;
    private readonly TempDirectory _temp = new();
    private readonly string _model;

    public ClassifyCommandTests()
    {
        _model = _temp.File("model.json");
        File.Copy(TestModels.RandomFile(), _model);
    }

    public void Dispose() => _temp.Dispose();

    private string StereoWav44k(string name = "stereo.wav", double seconds = 6)
    {
        var left = Signals.MusicLike(44100, seconds, seed: 1);
        var right = Signals.MusicLike(44100, seconds, seed: 2);
        var bytes = new WavFileBuilder { SampleRate = 44100, Channels = 2, SampleType = PcmSampleType.Pcm16 }.Build(BlockStreams.Interleave(left, right));
        return _temp.Write(name, bytes);
    }

    private string Au(string name = "clip.au")
    {
        var bytes = new AuFileBuilder { SampleRate = 22050, Channels = 1, Encoding = 3 }.Build(Signals.MusicLike(22050, 4, seed: 3));
        return _temp.Write(name, bytes);
    }

    private static void AssertWellFormed(string line, string file)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        Assert.Equal(["file", "genre", "probabilities", "windows"], root.EnumerateObject().Select(p => p.Name).Take(4).ToArray());
        Assert.Equal(file, root.GetProperty("file").GetString());
        var probabilities = root.GetProperty("probabilities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(Genres, probabilities.Keys.ToArray());
        Assert.Equal(1.0, probabilities.Values.Sum(), 1e-6);
        Assert.All(probabilities.Values, p => Assert.InRange(p, 0, 1));
        Assert.Equal(probabilities.MaxBy(kv => kv.Value).Key, root.GetProperty("genre").GetString());
        Assert.True(root.GetProperty("windows").GetInt32() >= 1);
    }

    [SkippableFact]
    public void Json_lines_for_a_stereo_44k_wav_an_au_and_an_ogg_and_one_error_for_garbage()
    {
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH (apt-get install ffmpeg)");
        var wav = StereoWav44k();
        var au = Au();
        var ogg = _temp.File("clip.ogg");
        Ffmpeg.Run("-y", "-loglevel", "error", "-i", StereoWav44k("for-ogg.wav", 3), "-c:a", "libvorbis", ogg);
        var garbage = _temp.Write("notes.wav", "this is not audio at all\n"u8.ToArray());
        var truncated = _temp.Write("cut.wav", File.ReadAllBytes(wav).AsSpan(0, 30).ToArray());

        var result = CliRunner.Run(["classify", "--json", "--model", _model, wav, garbage, au, truncated, ogg]);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(3, result.OutLines.Length);
        AssertWellFormed(result.OutLines[0], wav);
        AssertWellFormed(result.OutLines[1], au);
        AssertWellFormed(result.OutLines[2], ogg);
        Assert.Equal(2, result.ErrorLines.Length);
        Assert.StartsWith($"genre classify: {garbage}: ", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.StartsWith($"genre classify: {truncated}: ", result.ErrorLines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void All_inputs_readable_means_exit_code_0_and_text_output_names_the_genre()
    {
        var wav = StereoWav44k();
        var result = CliRunner.Run(["classify", "--model", _model, wav]);
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        Assert.StartsWith(wav + ": ", result.OutLines[0], StringComparison.Ordinal);
        Assert.All(Genres, g => Assert.Contains(g, result.OutLines[1], StringComparison.Ordinal));
    }

    [Fact]
    public void Timeline_has_one_entry_per_window_with_start_times_and_ten_probabilities()
    {
        var wav = StereoWav44k(seconds: 9);
        var result = CliRunner.Run(["classify", "--json", "--timeline", "--model", _model, wav]);
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.OutLines[0]);
        var timeline = doc.RootElement.GetProperty("timeline").EnumerateArray().ToArray();
        Assert.Equal(doc.RootElement.GetProperty("windows").GetInt32(), timeline.Length);
        var starts = timeline.Select(t => t.GetProperty("start").GetDouble()).ToArray();
        Assert.Equal(0, starts[0]);
        Assert.True(starts.Zip(starts.Skip(1)).All(p => p.Second > p.First));
        Assert.All(timeline, t => Assert.Equal(1.0, t.GetProperty("probabilities").EnumerateObject().Sum(p => p.Value.GetDouble()), 1e-6));
    }

    [Fact]
    public void A_two_second_excerpt_still_gets_a_result()
    {
        var au = _temp.Write("short.au", new AuFileBuilder { SampleRate = 22050, Encoding = 3 }.Build(Signals.MusicLike(22050, 2, seed: 4)));
        var result = CliRunner.Run(["classify", "--json", "--model", _model, au]);
        Assert.Equal(0, result.ExitCode);
        AssertWellFormed(result.OutLines[0], au);
        using var doc = JsonDocument.Parse(result.OutLines[0]);
        Assert.Equal(1, doc.RootElement.GetProperty("windows").GetInt32());
    }

    [Fact]
    public void Raw_pcm_on_standard_input_is_classified_like_the_same_samples_in_a_wav()
    {
        var samples = BlockStreams.Interleave(Signals.MusicLike(44100, 5, seed: 8), Signals.MusicLike(44100, 5, seed: 9));
        var wav = _temp.Write("same.wav", new WavFileBuilder { SampleRate = 44100, Channels = 2, SampleType = PcmSampleType.Ieee32 }.Build(samples));
        var raw = System.Runtime.InteropServices.MemoryMarshal.AsBytes(samples.AsSpan()).ToArray();

        var fromStdin = CliRunner.Run(["classify", "--json", "--model", _model, "--format", "f32le", "--rate", "44100", "--channels", "2", "-"], raw);
        var fromFile = CliRunner.Run(["classify", "--json", "--model", _model, wav]);

        Assert.Equal(0, fromStdin.ExitCode);
        using var a = JsonDocument.Parse(fromStdin.OutLines[0]);
        using var b = JsonDocument.Parse(fromFile.OutLines[0]);
        Assert.Equal("-", a.RootElement.GetProperty("file").GetString());
        Assert.Equal(b.RootElement.GetProperty("probabilities").ToString(), a.RootElement.GetProperty("probabilities").ToString());
    }

    [Theory]
    [InlineData("classify")]
    [InlineData("classify", "--bogus", "x.wav")]
    [InlineData("classify", "--smoothing", "-3", "x.wav")]
    [InlineData("classify", "--format", "u8", "-")]
    [InlineData("classify", "-")]
    [InlineData("frobnicate")]
    [InlineData]
    public void Usage_errors_exit_2_with_a_message_and_no_stack_trace(params string[] args)
    {
        var result = CliRunner.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.NotEmpty(result.Error.Trim());
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void A_missing_model_is_one_line_naming_it_and_exit_1()
    {
        var wav = StereoWav44k();
        var result = CliRunner.Run(["classify", "--model", _temp.File("nope.json"), wav]);
        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Contains("nope.json", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_model_says_so()
    {
        var bad = _temp.Write("bad.json", "{\"schemaVersion\":1,\"labels\":"u8.ToArray());
        var result = CliRunner.Run(["classify", "--model", bad, StereoWav44k()]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not a valid model JSON", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_explains_every_option()
    {
        var result = CliRunner.Run(["classify", "--help"]);
        Assert.Equal(0, result.ExitCode);
        foreach (var option in new[] { "--json", "--timeline", "--model", "--smoothing", "--format", "--rate", "--channels" })
        {
            Assert.Contains(option, result.Out, StringComparison.Ordinal);
        }

        var root = CliRunner.Run(["--help"]);
        Assert.Contains("classify", root.Out, StringComparison.Ordinal);
        Assert.Contains("Exit codes", root.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_settings_are_all_listed_at_start()
    {
        using var config = new TempDirectory();
        config.Write("settings.json", """
            {"Smoothing":{"TimeConstantSeconds":"soon","Method":"median","Windows":"2.5"},
             "Tracking":{"Margin":"1.5","HoldSeconds":"-3","SilenceThresholdDecibels":"loud"},
             "Serve":{"Port":"70000","Address":"everywhere"}}
            """u8.ToArray());
        var result = CliRunner.Run(["classify", StereoWav44k()], configDirectory: config.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.ErrorLines);
        foreach (var key in new[] { "Smoothing:TimeConstantSeconds", "Smoothing:Method", "Smoothing:Windows", "Tracking:Margin", "Tracking:HoldSeconds", "Tracking:SilenceThresholdDecibels", "Serve:Port", "Serve:Address" })
        {
            Assert.Contains(key, result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_model_path_can_come_from_settings_relative_to_the_config_folder()
    {
        using var config = new TempDirectory();
        File.Copy(_model, config.File("mine.json"));
        config.Write("settings.json", """{"Model":{"Path":"mine.json"}}"""u8.ToArray());
        var result = CliRunner.Run(["classify", "--json", StereoWav44k()], configDirectory: config.Path);
        Assert.Equal(0, result.ExitCode);

        config.Write("settings.json", """{"Model":{"Path":"missing.json"}}"""u8.ToArray());
        var missing = CliRunner.Run(["classify", StereoWav44k("b.wav")], configDirectory: config.Path);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains(Path.Combine(config.Path, "missing.json"), missing.Error, StringComparison.Ordinal);
    }
}
