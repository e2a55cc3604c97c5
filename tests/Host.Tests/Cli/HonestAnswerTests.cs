using System.Diagnostics;
using System.Text.Json;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Cli;

/// <summary>
/// The bundled model through the real <c>genre classify</c>: an honest "unknown" for what is not music of its
/// genres, too little audio refused rather than guessed at, and the same answer for a recording whatever its
/// sample rate, channels and format.
/// </summary>
public sealed class HonestAnswerTests : IDisposable
{
    private const int Rate = 22050;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Wav(string name, float[] samples) => _temp.Write(name, new WavFileBuilder { SampleRate = Rate }.Build(samples));

    private static Dictionary<string, JsonElement> ClassifyJson(params string[] files)
    {
        var (code, output, error) = GenreProcessTests.RunGenre(["classify", "--json", .. files]);
        Assert.True(code == 0, $"exit {code}: {string.Join(" | ", error)}");
        return output.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToDictionary(e => Path.GetFileName(e.GetProperty("file").GetString()!), e => e);
    }

    [Fact]
    public void Less_than_a_second_of_audio_is_refused_by_name_and_the_rest_is_still_classified()
    {
        var tiny = Wav("tiny.wav", Signals.MusicLike(Rate, 0.07, seed: 1));
        var short1 = Wav("one-second.wav", Signals.MusicLike(Rate, 1.2, seed: 2));

        var (code, output, error) = GenreProcessTests.RunGenre("classify", "--json", tiny, short1);

        Assert.Equal(3, code);
        Assert.Equal($"genre classify: {tiny}: too short: 0.07 s of audio, at least 1 s is needed", Assert.Single(error));
        var line = JsonDocument.Parse(Assert.Single(output)).RootElement;
        Assert.Equal(short1, line.GetProperty("file").GetString());
        Assert.Equal(1, line.GetProperty("windows").GetInt32());
    }

    [Fact]
    public void Tones_chords_noise_clicks_and_sweeps_are_unknown_and_digital_silence_is_silence()
    {
        var seconds = 6;
        var n = Rate * seconds;
        var files = new Dictionary<string, float[]>
        {
            ["sine-440.wav"] = Signals.Sine(440, Rate, n),
            ["sine-1000-quiet.wav"] = Signals.Sine(1000, Rate, n, amplitude: 0.05),
            ["chord.wav"] = Mix(Signals.Sine(261.6, Rate, n, 0.2), Signals.Sine(329.6, Rate, n, 0.2), Signals.Sine(392, Rate, n, 0.2)),
            ["white-noise.wav"] = Signals.WhiteNoise(n, seed: 3, amplitude: 0.3),
            ["clicks.wav"] = [.. Enumerable.Range(0, n).Select(i => i % (Rate / 2) < 40 ? 0.8f : 0f)],
            ["sweep.wav"] = [.. Enumerable.Range(0, n).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * ((50.0 * i / Rate) + (650.0 * i / Rate * i / Rate)))))],
        };
        var paths = files.Select(kv => Wav(kv.Key, kv.Value)).Append(Wav("silence.wav", new float[n])).ToArray();

        var results = ClassifyJson(paths);

        Assert.All(files.Keys, name => Assert.True(results[name].GetProperty("status").GetString() == "unknown", $"{name}: {results[name]}"));
        Assert.Equal("silence", results["silence.wav"].GetProperty("status").GetString());
    }

    [Fact]
    public void Live_events_say_unknown_and_a_tone_never_becomes_the_current_genre()
    {
        var tone = Wav("tone.wav", Signals.Sine(440, Rate, Rate * 9));

        var (code, output, error) = GenreProcessTests.RunGenre("listen", "--source", "file:" + tone, "--fast", "--json");

        Assert.True(code == 0, string.Join(" | ", error));
        var events = output.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();
        var genres = events.Where(e => e.GetProperty("type").GetString() == "genre").ToArray();
        Assert.True(genres.Length >= 4, $"{genres.Length} genre events");
        Assert.All(genres, g => Assert.Equal("unknown", g.GetProperty("status").GetString()));
        Assert.All(genres, g => Assert.Equal(JsonValueKind.Null, g.GetProperty("current").ValueKind));
        Assert.DoesNotContain(events, e => e.GetProperty("type").GetString() == "change");
    }

    [SkippableFact]
    public void Speech_is_unknown()
    {
        Requires.Available(CanRun("espeak-ng", "--version") ? null : "espeak-ng is not installed (apt-get install espeak-ng)");
        var texts = new[]
        {
            "Good evening. Here is the news. The council met today to discuss the new bridge across the river, and the vote will be held next week.",
            "To make the dough, mix the flour with warm water and a little salt, then knead it for ten minutes until it is smooth.",
        };
        var paths = texts.Select((text, i) =>
        {
            var path = _temp.File($"speech-{i}.wav");
            Assert.True(CanRun("espeak-ng", "-v", i == 0 ? "en-us" : "en+f3", "-w", path, text), "espeak-ng failed");
            return path;
        }).ToArray();

        var results = ClassifyJson(paths);

        Assert.All(results.Values, r => Assert.True(r.GetProperty("status").GetString() == "unknown", r.ToString()));
    }

    /// <summary>
    /// The probes in ../shared/data/probes (speech, animals, electronic music: checked, never trained on). The issue's
    /// floor is all of them unknown; the bundled model reaches half (README, "The bundled model"). This holds the
    /// model's report to what the program does: the probes it records as caught are unknown (or silence) through the
    /// real classify, those it records as missed are not, so the figure cannot drift from the truth.
    /// </summary>
    [SkippableFact]
    public void The_probes_are_unknown_exactly_as_the_bundled_models_report_records()
    {
        var data = Requires.SharedData();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH (apt-get install ffmpeg)");
        var probes = Directory.EnumerateFiles(Path.Combine(data, "probes"), "*.ogg").Order(StringComparer.Ordinal).ToArray();
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot!, "config", "genre-model.report.json")));
        var unknown = report.RootElement.GetProperty("unknown");
        var missed = unknown.GetProperty("checkedMissed").EnumerateArray().Select(m => m.GetString()!).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(probes.Length, unknown.GetProperty("checkedClips").GetInt32());

        var results = ClassifyJson(probes);

        Assert.Equal(probes.Length, results.Count);
        foreach (var (name, result) in results)
        {
            var status = result.GetProperty("status").GetString();
            Assert.True(missed.Contains(name) == (status == "music"), $"{name}: status {status}, the report says {(missed.Contains(name) ? "missed" : "caught")}");
        }

        Assert.Equal(1 - ((double)missed.Count / probes.Length), unknown.GetProperty("checkedUnknown").GetDouble(), 6);
    }

    [SkippableFact]
    public void Music_of_every_genre_is_music()
    {
        var data = Requires.SharedData();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH (apt-get install ffmpeg)");
        var clips = Directory.EnumerateDirectories(Path.Combine(data, "gtzan")).Order(StringComparer.Ordinal)
            .Select(genre => Directory.EnumerateFiles(genre, "*.flac").Order(StringComparer.Ordinal).First())
            .ToArray();

        var results = ClassifyJson(clips);

        // At most one of ten (the detector may call up to 10% of music unknown by design; see the README).
        Assert.True(results.Values.Count(r => r.GetProperty("status").GetString() != "music") <= 1, string.Join("\n", results.Values));
    }

    [SkippableFact]
    public void The_same_recording_at_any_rate_in_any_format_gives_the_same_genre_and_close_probabilities()
    {
        var data = Requires.SharedData();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH (apt-get install ffmpeg)");

        // The first full clip of every genre, as the 22.05 kHz original and as real files arrive.
        var sources = Directory.EnumerateDirectories(Path.Combine(data, "gtzan")).Order(StringComparer.Ordinal)
            .Select(genre => Directory.EnumerateFiles(genre, "*.flac").Order(StringComparer.Ordinal).First(f => new FileInfo(f).Length > 500_000))
            .ToArray();
        var versions = new Dictionary<string, string[]>
        {
            ["22k.wav"] = [],
            ["22k.au"] = ["-c:a", "pcm_s16be", "-f", "au"],
            ["44k-stereo.wav"] = ["-ar", "44100", "-ac", "2"],
            ["48k.flac"] = ["-ar", "48000"],
            ["44k-stereo.mp3"] = ["-ar", "44100", "-ac", "2", "-b:a", "192k"],
            ["48k.ogg"] = ["-ar", "48000", "-c:a", "libvorbis", "-q:a", "5"],
        };
        var paths = sources.SelectMany(source => versions.Select(v =>
        {
            var path = _temp.File($"{Path.GetFileNameWithoutExtension(source)}-{v.Key}");
            Ffmpeg.Run(["-i", source, .. v.Value, path]);
            return path;
        })).ToArray();

        var results = ClassifyJson(paths);

        foreach (var clip in results.GroupBy(r => r.Key[..r.Key.IndexOf('-', StringComparison.Ordinal)], r => r.Value))
        {
            var all = clip.ToArray();
            Assert.True(all.Select(r => r.GetProperty("genre").GetString()).Distinct().Count() == 1, $"{clip.Key}: {string.Join(", ", all.Select(r => r.GetProperty("genre").GetString()))}");
            foreach (var genre in all[0].GetProperty("probabilities").EnumerateObject().Select(p => p.Name))
            {
                var values = all.Select(r => r.GetProperty("probabilities").GetProperty(genre).GetDouble()).ToArray();
                Assert.True(values.Max() - values.Min() <= 0.1, $"{clip.Key} {genre}: {string.Join(", ", values.Select(v => v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)))}");
            }
        }
    }

    private static float[] Mix(params float[][] parts) =>
        [.. Enumerable.Range(0, parts[0].Length).Select(i => parts.Sum(p => p[i]))];

    private static bool CanRun(string program, params string[] arguments)
    {
        try
        {
            var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in arguments)
            {
                info.ArgumentList.Add(a);
            }

            using var process = Process.Start(info)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            return process.WaitForExit(60_000) && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
