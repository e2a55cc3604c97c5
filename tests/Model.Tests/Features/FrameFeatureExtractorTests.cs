using GenreStream.Model.Features;
using GenreStream.TestSupport;

namespace GenreStream.Model.Tests.Features;

public class FrameFeatureExtractorTests
{
    private static readonly FeatureSpec Spec = FeatureSpec.Statistics;

    private static int Index(string name) => Spec.FrameFeatureNames().ToList().IndexOf(name);

    private static float[] Extract(float[] frame)
    {
        var extractor = new FrameFeatureExtractor(Spec);
        var features = new float[extractor.FeatureCount];
        extractor.Extract(frame, features);
        return features;
    }

    [Theory]
    [InlineData(440.0)]
    [InlineData(1000.0)]
    [InlineData(3000.0)]
    public void A_sines_centroid_and_rolloff_are_its_frequency(double hz)
    {
        var f = Extract(Signals.Sine(hz, Spec.SampleRate, Spec.FrameSize));
        var binHz = (double)Spec.SampleRate / Spec.FrameSize;
        Assert.Equal(hz, f[Index("centroid")], 2 * binHz);
        Assert.Equal(hz, f[Index("rolloff")], 2 * binHz);
        Assert.True(f[Index("bandwidth")] < 4 * binHz, $"bandwidth {f[Index("bandwidth")]}");
    }

    [Fact]
    public void White_noise_is_flat_and_a_sine_is_not()
    {
        var noise = Extract(Signals.WhiteNoise(Spec.FrameSize, seed: 3));
        var sine = Extract(Signals.Sine(1000, Spec.SampleRate, Spec.FrameSize));

        // The periodogram of white noise has exponentially distributed bins: flatness near e^-γ ≈ 0.56.
        Assert.InRange(noise[Index("flatness")], 0.4f, 0.75f);
        Assert.True(sine[Index("flatness")] < 0.01f, $"sine flatness {sine[Index("flatness")]}");

        // White noise has its centroid near the middle of the band.
        Assert.InRange(noise[Index("centroid")], Spec.SampleRate / 4f * 0.85f, Spec.SampleRate / 4f * 1.15f);
    }

    [Fact]
    public void Zero_crossing_rate_and_rms_of_a_sine_are_analytic()
    {
        const double hz = 500;
        const double amplitude = 0.5;
        var f = Extract(Signals.Sine(hz, Spec.SampleRate, Spec.FrameSize, amplitude, phase: 0.3));
        Assert.Equal(2 * hz / Spec.SampleRate, f[Index("zcr")], 2.0 / Spec.FrameSize);
        Assert.Equal(20 * Math.Log10(amplitude / Math.Sqrt(2)), f[Index("rms_db")], 0.05);
    }

    [Theory]
    [InlineData(440.0, "chroma_A")]
    [InlineData(261.63, "chroma_C")]
    [InlineData(392.0, "chroma_G")]
    public void Chroma_peaks_at_the_pitch_class_of_a_tone(double hz, string expected)
    {
        var f = Extract(Signals.Sine(hz, Spec.SampleRate, Spec.FrameSize));
        var chroma = Enumerable.Range(Index("chroma_C"), 12).Select(i => f[i]).ToArray();
        Assert.Equal(Index(expected) - Index("chroma_C"), Array.IndexOf(chroma, chroma.Max()));
        Assert.Equal(1f, chroma.Max(), 1e-6);
    }

    [Fact]
    public void Flux_is_zero_for_a_steady_tone_and_positive_when_sound_starts()
    {
        var extractor = new FrameFeatureExtractor(Spec);
        var features = new float[extractor.FeatureCount];
        var tone = Signals.Sine(440, Spec.SampleRate, Spec.FrameSize);
        extractor.Extract(new float[Spec.FrameSize], features);
        extractor.Extract(tone, features);
        Assert.True(features[Index("flux")] > 1, $"onset flux {features[Index("flux")]}");
        extractor.Extract(tone, features);
        Assert.Equal(0f, features[Index("flux")], 1e-4);
    }

    [Fact]
    public void Silence_gives_finite_features_at_the_floor()
    {
        var f = Extract(new float[Spec.FrameSize]);
        Assert.All(f, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(TimeDomain.SilenceDecibels, f[Index("rms_db")]);
    }

    [Fact]
    public void Does_not_allocate_per_frame_once_constructed()
    {
        var extractor = new FrameFeatureExtractor(Spec);
        var features = new float[extractor.FeatureCount];
        var frame = Signals.MusicLike(Spec.SampleRate, 0.1, seed: 1).AsSpan(0, Spec.FrameSize).ToArray();
        extractor.Extract(frame, features);

        // Rounds of 50 frames: a per-frame allocation shows in every round; the runtime's own one-off work
        // while the test process re-compiles hot methods (it runs with tiered compilation) can touch one.
        var rounds = new long[5];
        for (var round = 0; round < rounds.Length; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 50; i++)
            {
                extractor.Extract(frame, features);
            }

            rounds[round] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.True(rounds.Min() == 0, $"bytes allocated per round of 50 frames: {string.Join(", ", rounds)}");
    }

    [Fact]
    public void With_log_frequencies_centroid_bandwidth_and_rolloff_are_natural_logs_of_hertz()
    {
        var frame = Signals.MusicLike(Spec.SampleRate, 0.2, seed: 2).AsSpan(0, Spec.FrameSize).ToArray();
        var hz = Extract(frame);
        var logSpec = Spec with { LogFrequencies = true };
        var extractor = new FrameFeatureExtractor(logSpec);
        var logs = new float[extractor.FeatureCount];
        extractor.Extract(frame, logs);
        foreach (var name in new[] { "centroid", "bandwidth", "rolloff" })
        {
            Assert.Equal(Math.Log(hz[Index(name)]), logs[Index(name)], 1e-4);
        }
    }
}
