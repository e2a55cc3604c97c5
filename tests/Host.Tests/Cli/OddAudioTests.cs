using System.Text.Json;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Cli;

/// <summary>
/// Audio that is valid but odd, through <c>genre classify</c> and <c>genre listen --fast --json</c> with the
/// bundled model: finite probabilities summing to 1 every time, and the silence state where it applies.
/// </summary>
public sealed class OddAudioTests : IDisposable
{
    private const double Seconds = 8;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Kinds() =>
    [
        "silence", "dc-offset", "clipped", "tone", "white-noise", "telephone-8k", "hi-res-192k", "eight-channels", "music-silence-music",
    ];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Classify_gives_sane_probabilities(string kind)
    {
        var result = CliRunner.Run(["classify", "--json", "--timeline", Write(kind)]);

        Assert.True(result.ExitCode == 0, result.Error);
        using var doc = JsonDocument.Parse(Assert.Single(result.OutLines));
        AssertSane(doc.RootElement.GetProperty("probabilities"), kind);
        foreach (var step in doc.RootElement.GetProperty("timeline").EnumerateArray())
        {
            AssertSane(step.GetProperty("probabilities"), kind);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Listen_reports_sane_probabilities_and_the_silence_state(string kind)
    {
        var result = CliRunner.Run(["listen", "--source", "file:" + Write(kind), "--fast", "--json"]);

        Assert.True(result.ExitCode == 0, result.Error);
        var events = result.OutLines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var genres = events.Where(e => e.GetProperty("type").GetString() == "genre").ToList();
        Assert.True(genres.Count >= 3, $"{genres.Count} genre events");
        foreach (var genre in genres)
        {
            AssertSane(genre.GetProperty("probabilities"), kind);
            AssertSane(genre.GetProperty("smoothed"), kind);
        }

        var silenceStates = events.Where(e => e.GetProperty("type").GetString() == "silence").Select(e => e.GetProperty("state").GetString()!).ToArray();
        var silent = genres.Select(g => g.GetProperty("silent").GetBoolean()).ToArray();
        switch (kind)
        {
            case "silence":
                Assert.Equal<string>(["silence"], silenceStates);
                Assert.All(silent, Assert.True);
                break;
            case "music-silence-music":
                Assert.Equal<string>(["silence", "music"], silenceStates);
                Assert.Contains(true, silent);
                Assert.False(silent[0]);
                Assert.False(silent[^1]);
                break;
            default:
                Assert.Empty(silenceStates);
                Assert.All(silent, Assert.False);
                break;
        }
    }

    private static void AssertSane(JsonElement probabilities, string kind)
    {
        var p = probabilities.EnumerateObject().Select(e => e.Value.GetDouble()).ToArray();
        Assert.Equal(10, p.Length);
        Assert.True(p.All(v => double.IsFinite(v) && v >= 0 && v <= 1), $"{kind}: {string.Join(",", p)}");
        Assert.True(Math.Abs(p.Sum() - 1) < 1e-4, $"{kind}: probabilities sum to {p.Sum()}");
    }

    private string Write(string kind)
    {
        var (rate, channels, signal, type) = kind switch
        {
            "silence" => (22050, 1, new float[(int)(22050 * Seconds)], PcmSampleType.Pcm16),
            "dc-offset" => (22050, 1, Enumerable.Repeat(0.5f, (int)(22050 * Seconds)).ToArray(), PcmSampleType.Pcm16),
            "clipped" => (44100, 1, Signals.Sine(220, 44100, (int)(44100 * Seconds), amplitude: 8).Select(x => Math.Clamp(x, -1f, 1f)).ToArray(), PcmSampleType.Pcm16),
            "tone" => (22050, 1, Signals.Sine(440, 22050, (int)(22050 * Seconds)), PcmSampleType.Pcm16),
            "white-noise" => (22050, 1, Signals.WhiteNoise((int)(22050 * Seconds), seed: 3, amplitude: 1), PcmSampleType.Ieee32),
            "telephone-8k" => (8000, 1, Signals.MusicLike(8000, Seconds, seed: 4), PcmSampleType.Pcm8),
            "hi-res-192k" => (192000, 2, Interleave(Signals.MusicLike(192000, Seconds, seed: 5), 2), PcmSampleType.Pcm24),
            "eight-channels" => (48000, 8, Interleave(Signals.MusicLike(48000, Seconds, seed: 6), 8), PcmSampleType.Pcm16),
            _ => (22050, 1, [.. Signals.MusicLike(22050, 6, seed: 7), .. new float[22050 * 8], .. Signals.MusicLike(22050, 6, seed: 8)], PcmSampleType.Pcm16),
        };
        return _temp.Write($"{kind}.wav", new WavFileBuilder { SampleRate = rate, Channels = channels, SampleType = type }.Build(signal));
    }

    /// <summary>The same signal on every channel, at falling levels (channel c at 1/(c+1)).</summary>
    private static float[] Interleave(float[] mono, int channels)
    {
        var interleaved = new float[mono.Length * channels];
        for (var i = 0; i < mono.Length; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                interleaved[(i * channels) + c] = mono[i] / (c + 1);
            }
        }

        return interleaved;
    }
}
