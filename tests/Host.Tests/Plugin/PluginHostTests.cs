using System.Globalization;
using System.Text.Json;
using GenreStream.Host.Tests.Cli;
using GenreStream.Streaming.Sources;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Plugin;

/// <summary>The built genre.lv2 bundle in real LV2 hosts (lilv's tools and a small lilv host in C) and the C API from C.</summary>
[Collection(PluginBundleGroup.Name)]
public sealed class PluginHostTests(PluginBundle bundle)
{
    private const string MonoUri = "urn:genre-stream:lv2:genre";
    private const string StereoUri = "urn:genre-stream:lv2:genre-stereo";

    [SkippableFact]
    public void Lv2ls_lists_the_mono_and_stereo_plugins()
    {
        Requires.Available(bundle.WhyUnavailable);
        var (code, output, error) = bundle.RunWithLv2Path("lv2ls");
        Assert.True(code == 0, error);
        Assert.Equal([MonoUri, StereoUri], output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [SkippableFact]
    public void Lv2info_shows_every_port_with_its_range()
    {
        Requires.Available(bundle.WhyUnavailable);
        var (code, output, error) = bundle.RunWithLv2Path("lv2info", MonoUri);
        Assert.True(code == 0, error);
        var ports = Ports(output);

        Assert.Equal(17, ports.Count);
        Assert.Equal(("smoothing", "0.000000", "60.000000", "4.000000"), Range(ports[0]));
        Assert.Equal(("silence", "-120.000000", "0.000000", "-60.000000"), Range(ports[1]));
        for (var k = 0; k < 10; k++)
        {
            Assert.Equal((TestModels.Genres[k], "0.000000", "1.000000", null), Range(ports[2 + k]));
            Assert.Contains("lv2core#OutputPort", ports[2 + k], StringComparison.Ordinal);
        }

        Assert.Equal(("genre", "-1.000000", "9.000000", null), Range(ports[12]));
        Assert.Contains("9 = \"rock\"", ports[12], StringComparison.Ordinal);
        Assert.Contains("-1 = \"none\"", ports[12], StringComparison.Ordinal);
        Assert.Equal(("confidence", "0.000000", "1.000000", null), Range(ports[13]));
        Assert.Equal(("level", "-100.000000", "0.000000", null), Range(ports[14]));
        Assert.Contains("lv2core#AudioPort", ports[15], StringComparison.Ordinal);
        Assert.Contains("lv2core#InputPort", ports[15], StringComparison.Ordinal);
        Assert.Contains("lv2core#AudioPort", ports[16], StringComparison.Ordinal);
        Assert.Contains("lv2core#OutputPort", ports[16], StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(MonoUri, 1)]
    [InlineData(StereoUri, 2)]
    public void Lv2apply_leaves_the_audio_unchanged_sample_for_sample(string uri, int channels)
    {
        Requires.Available(bundle.WhyUnavailable);
        var input = Decode("gtzan/jazz/jazz.00000.flac", $"jazz-{channels}.wav", channels, "pcm_f32le");
        var output = bundle.Scratch.File($"jazz-{channels}-out.wav");

        var (code, _, error) = bundle.RunWithLv2Path("lv2apply", "-i", input, "-o", output, uri);

        Assert.True(code == 0, error);
        using var original = AudioFileReader.Open(input);
        using var processed = AudioFileReader.Open(output);
        Assert.Equal(original.Format, processed.Format);
        var expected = original.ReadAll();
        Assert.True(expected.Length > 44100 * channels * 29);
        Assert.Equal(expected, processed.ReadAll());
    }

    [SkippableFact]
    public void A_lilv_host_at_44100_Hz_in_varying_blocks_ends_on_the_genre_classify_finds()
    {
        Requires.Available(bundle.WhyUnavailable);
        var wav = Decode("gtzan/classical/classical.00000.flac", "classical.wav", 1, "pcm_f32le");
        var raw = Raw(wav);
        var host = bundle.CompileNative("lv2_host", PluginBundle.LilvFlags());

        // -120 dBFS: no window counts as silent, as in genre classify.
        var (code, output, error) = bundle.RunWithLv2Path(host, MonoUri, "44100", raw, "silence=-120");

        Assert.True(code == 0, error);
        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' '))
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
        Assert.True(values["blocks"] > 300, $"{values["blocks"]} blocks");
        Assert.Equal(0, values["mismatched_blocks"]);
        var probabilities = TestModels.Genres.Select(g => values[g]).ToArray();
        ExpectClassifyResult(wav, probabilities, (int)values["genre"], values["confidence"]);
        Assert.InRange(values["level"], -60, 0);
    }

    [SkippableFact]
    public void The_C_API_program_gets_the_genre_classify_finds_and_the_errors_as_messages()
    {
        Requires.Available(bundle.WhyUnavailable);
        var wav = Decode("gtzan/metal/metal.00000.flac", "metal.wav", 1, "pcm_f32le");
        var raw = Raw(wav);
        var program = bundle.CompileNative(
            "capi_test",
            "-I", Path.Combine(bundle.RepositoryRoot, "src", "Plugin", "include"),
            "-L", bundle.BundleDirectory, "-lgenre", "-Wl,-rpath," + bundle.BundleDirectory);

        var (code, output, error) = bundle.RunWithLv2Path(program, "44100", raw);

        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', 3)).ToList();
        string Line(string key) => string.Join(' ', lines.Single(l => l[0] == key)[1..]);
        Assert.Equal("-1 0", Line("before"));
        Assert.Equal("10", Line("count"));
        var probabilities = lines.Where(l => l[0] == "p").Select(l => double.Parse(l[2], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(TestModels.Genres, lines.Where(l => l[0] == "p").Select(l => l[1]).ToArray());
        var genre = Line("genre").Split(' ');
        var windows = ExpectClassifyResult(wav, probabilities, int.Parse(genre[0], CultureInfo.InvariantCulture), double.Parse(Line("confidence"), CultureInfo.InvariantCulture));
        Assert.Equal("metal", genre[1]);
        Assert.Equal(windows.ToString(CultureInfo.InvariantCulture), Line("windows"));
        Assert.Equal("null", Line("name_out_of_range"));
        Assert.Equal("-1", Line("bad_smoothing"));
        Assert.Equal("null cannot read model file /nonexistent/model.json: file not found", Line("missing_model"));
        Assert.StartsWith("null sample rate 0 Hz is not supported", Line("bad_rate"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void With_pauses_the_C_API_listen_and_classify_decide_the_same_genre_and_state_at_every_window()
    {
        Requires.Available(bundle.WhyUnavailable);
        const int rate = 44100;
        var classical = Samples(Decode("gtzan/classical/classical.00000.flac", "classical.wav", 1, "pcm_f32le"));
        var jazz = Samples(Decode("gtzan/jazz/jazz.00000.flac", "jazz-1.wav", 1, "pcm_f32le"));

        // A song, a pause, the same song going on, another pause, another song.
        float[] audio = [.. classical[..(12 * rate)], .. new float[6 * rate], .. classical[(12 * rate)..(24 * rate)], .. new float[5 * rate], .. jazz[..(15 * rate)]];
        var wav = FloatWav("pauses.wav", audio, rate);
        var program = CompileTimelineProgram();

        // listen's and classify's defaults: 4 s smoothing, a 0.1 margin held 3 s, silence below -55 dBFS.
        var capi = CApiTimeline(program, Raw(wav), "0.1", "3", "-55");
        var (listenExit, listenOut, listenError) = GenreProcessTests.RunGenre("listen", "--source", "file:" + wav, "--fast", "--json");
        var (classifyExit, classifyOut, classifyError) = GenreProcessTests.RunGenre("classify", "--json", "--timeline", wav);

        Assert.True(listenExit == 0, string.Join('\n', listenError));
        Assert.True(classifyExit == 0, string.Join('\n', classifyError));
        var listened = listenOut.Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .Where(e => e.GetProperty("type").GetString() == "genre")
            .Select(Shown).ToList();
        using var classified = JsonDocument.Parse(classifyOut[0]);
        var timeline = classified.RootElement.GetProperty("timeline").EnumerateArray().Select(Shown).ToList();

        Assert.Contains(capi, w => w.Status == "silence");
        Assert.Contains(capi, w => w.Status != "silence" && w.Genre != "none");
        Assert.Equal(capi, listened);
        Assert.Equal(capi, timeline);
    }

    /// <summary>The C program that prints the C API's genre and status at every window.</summary>
    private string CompileTimelineProgram() => bundle.CompileNative(
        "capi_timeline",
        "-I", Path.Combine(bundle.RepositoryRoot, "src", "Plugin", "include"),
        "-L", bundle.BundleDirectory, "-lgenre", "-Wl,-rpath," + bundle.BundleDirectory);

    /// <summary>Writes <paramref name="audio"/> as a 32-bit float mono WAV in the scratch folder.</summary>
    private string FloatWav(string name, float[] audio, int rate)
    {
        var wav = bundle.Scratch.File(name);
        File.WriteAllBytes(wav, new WavFileBuilder { SampleRate = rate, SampleType = PcmSampleType.Ieee32 }.Build(audio));
        return wav;
    }

    [SkippableFact]
    public void Without_hysteresis_the_windows_straddling_a_pause_keep_the_genre_before_it()
    {
        Requires.Available(bundle.WhyUnavailable);
        const int rate = 44100;
        var classical = Samples(Decode("gtzan/classical/classical.00000.flac", "classical.wav", 1, "pcm_f32le"));
        float[] audio = [.. classical[..(12 * rate)], .. new float[6 * rate], .. classical[(12 * rate)..(24 * rate)]];
        var wav = FloatWav("pause.wav", audio, rate);
        var program = CompileTimelineProgram();

        // The plugin's settings: no margin, no hold.
        var windows = CApiTimeline(program, Raw(wav), "0", "0", "-55");

        var firstSilent = windows.FindIndex(w => w.Status == "silence");
        var firstAfter = windows.FindIndex(firstSilent, w => w.Status != "silence");
        Assert.InRange(firstSilent, 2, windows.Count);
        Assert.InRange(firstAfter, firstSilent + 1, windows.Count - 1);

        // The first window after the pause still holds some of it (3-s windows every 1.5 s): it keeps the genre heard before.
        Assert.Equal(windows[firstSilent - 1].Genre, windows[firstAfter].Genre);
    }

    /// <summary>Runs capi_timeline; checks its output and returns the genre shown and the state after every window.</summary>
    private List<(string Genre, string Status)> CApiTimeline(string program, string raw, string margin, string hold, string silence)
    {
        var (code, output, error) = bundle.RunWithLv2Path(program, "44100", raw, margin, hold, silence);
        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToList();
        Assert.Equal(["bad_margin", "-1"], lines[0]);
        var windows = lines.Skip(1).ToList();
        Assert.Equal(Enumerable.Range(1, windows.Count).Select(n => n.ToString(CultureInfo.InvariantCulture)), windows.Select(w => w[1]));
        return windows.Select(w => (w[2], w[3])).ToList();
    }

    /// <summary>What the C API shows for a listen event or a classify timeline step: no genre while silent.</summary>
    private static (string Genre, string Status) Shown(JsonElement step)
    {
        var status = step.GetProperty("status").GetString()!;
        var current = step.GetProperty("current").GetString();
        return (status == "silence" || current is null ? "none" : current, status);
    }

    /// <summary>
    /// Checks a host's final outputs against <c>genre classify --json --timeline</c> on the same file:
    /// the probabilities sum to 1, equal the last smoothed timeline step, and their top genre is the one
    /// classify prints. Returns the number of windows classify saw.
    /// </summary>
    private static int ExpectClassifyResult(string wav, double[] probabilities, int genre, double confidence)
    {
        var (exit, output, error) = GenreProcessTests.RunGenre("classify", "--json", "--timeline", wav);
        Assert.True(exit == 0, string.Join('\n', error));
        using var json = JsonDocument.Parse(output[0]);
        var last = json.RootElement.GetProperty("timeline").EnumerateArray().Last().GetProperty("probabilities");
        var expected = TestModels.Genres.Select(g => last.GetProperty(g).GetDouble()).ToArray();

        Assert.Equal(1.0, probabilities.Sum(), 1e-5);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.True(Math.Abs(expected[k] - probabilities[k]) < 1e-5, $"{TestModels.Genres[k]}: classify {expected[k]}, plugin {probabilities[k]}");
        }

        var top = Array.IndexOf(probabilities, probabilities.Max());
        Assert.Equal(top, genre);
        Assert.Equal(probabilities[top], confidence);
        Assert.Equal(json.RootElement.GetProperty("genre").GetString(), TestModels.Genres[genre]);
        return json.RootElement.GetProperty("windows").GetInt32();
    }

    private string Decode(string clip, string name, int channels, string codec)
    {
        var data = Requires.SharedData();
        var path = bundle.Scratch.File(name);
        if (!File.Exists(path))
        {
            Ffmpeg.Run("-i", Path.Combine(data, clip), "-ar", "44100", "-ac", channels.ToString(CultureInfo.InvariantCulture), "-c:a", codec, path);
        }

        return path;
    }

    /// <summary>The samples of a float WAV as a headerless file of 32-bit floats, as the C programs read them.</summary>
    private static string Raw(string wav)
    {
        var path = Path.ChangeExtension(wav, ".f32");
        using var reader = AudioFileReader.Open(wav);
        File.WriteAllBytes(path, System.Runtime.InteropServices.MemoryMarshal.AsBytes(reader.ReadAll().AsSpan()).ToArray());
        return path;
    }

    private static float[] Samples(string wav)
    {
        using var reader = AudioFileReader.Open(wav);
        return reader.ReadAll();
    }

    private static List<string> Ports(string lv2info) =>
        lv2info.Split("\n\tPort ", StringSplitOptions.None).Skip(1).ToList();

    private static (string Symbol, string? Minimum, string? Maximum, string? Default) Range(string port)
    {
        string? Field(string name) => port.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..].Trim();
        return (Field("Symbol")!, Field("Minimum"), Field("Maximum"), Field("Default"));
    }
}
