using GenreStream.Model.Features;
using GenreStream.TestSupport;

namespace GenreStream.Model.Tests.Features;

public class WindowDescriptorTests
{
    private static float[] Frames(FeatureSpec spec, float[] signal)
    {
        var extractor = new FrameFeatureExtractor(spec);
        var count = 1 + ((signal.Length - spec.FrameSize) / spec.HopSize);
        var frames = new float[count * extractor.FeatureCount];
        for (var t = 0; t < count; t++)
        {
            extractor.Extract(signal.AsSpan(t * spec.HopSize, spec.FrameSize), frames.AsSpan(t * extractor.FeatureCount, extractor.FeatureCount));
        }

        return frames;
    }

    private static float[] Clicks(int rate, double seconds, double bpm)
    {
        var x = new float[(int)(seconds * rate)];
        var period = (int)Math.Round(60.0 / bpm * rate);
        var noise = Signals.WhiteNoise(x.Length, seed: 4, amplitude: 0.01);
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = noise[i] + (i % period < 200 ? (float)Math.Sin(i * 0.3) : 0f);
        }

        return x;
    }

    [Theory]
    [InlineData(120.0, 3)]
    [InlineData(65.0, 1)]
    [InlineData(160.0, 4)]
    public void Rhythm_peaks_in_the_tempo_band_of_a_click_track(double bpm, int expectedBand)
    {
        var spec = FeatureSpec.Default with { TextureSeconds = 6 };
        var frames = Frames(spec, Clicks(spec.SampleRate, 6.2, bpm));
        var count = Math.Min(spec.TextureFrames, frames.Length / spec.FrameStride);
        var rhythm = new RhythmDescriptor(spec.FluxColumn, spec.FrameRate, spec.TextureFrames);
        var output = new float[rhythm.Length];
        rhythm.Compute(frames, count, spec.FrameStride, output);

        var bands = output[..6];
        Assert.Equal(expectedBand, Array.IndexOf(bands, bands.Max()));
        Assert.True(output[6] > 0.5f, $"max autocorrelation {output[6]}");
    }

    [Fact]
    public void Rhythm_of_silence_is_zero()
    {
        var spec = FeatureSpec.Default;
        var frames = Frames(spec, new float[spec.SampleRate * 4]);
        var rhythm = new RhythmDescriptor(spec.FluxColumn, spec.FrameRate, spec.TextureFrames);
        var output = new float[rhythm.Length];
        rhythm.Compute(frames, spec.TextureFrames, spec.FrameStride, output);
        Assert.All(output, v => Assert.Equal(0f, v));
    }

    [Theory]
    [InlineData(1.5, 0)]
    [InlineData(3.0, 1)]
    [InlineData(6.0, 2)]
    [InlineData(11.0, 3)]
    public void Modulation_energy_is_highest_in_the_band_of_an_amplitude_modulation(double modulationHz, int expectedBand)
    {
        var spec = FeatureSpec.Default;
        var rate = spec.SampleRate;
        var signal = new float[(int)(3.2 * rate)];
        var noise = Signals.WhiteNoise(signal.Length, seed: 9);
        for (var i = 0; i < signal.Length; i++)
        {
            signal[i] = (float)(noise[i] * (0.55 + (0.45 * Math.Sin(2 * Math.PI * modulationHz * i / rate))));
        }

        var frames = Frames(spec, signal);
        var modulation = new ModulationSpectrum(spec.LogMelColumn, spec.MelBands, spec.ModulationGroups, spec.FrameRate, spec.TextureFrames);
        var output = new float[modulation.Length];
        modulation.Compute(frames, spec.TextureFrames, spec.FrameStride, output);

        // Output: for each of the four bands, every group. Compare the bands' mean energy over groups.
        var groups = spec.ModulationGroups;
        var bandMeans = Enumerable.Range(0, 4).Select(b => output.Skip(b * groups).Take(groups).Average()).ToArray();
        Assert.Equal(expectedBand, Array.IndexOf(bandMeans, bandMeans.Max()));
    }

    [Fact]
    public void Modulation_of_a_full_window_from_its_tables_equals_the_direct_transform_of_a_partial_one()
    {
        // The same frames as a full window (precomputed tables, vector dot products) and as a partial window of a
        // longer full length (cosines and sines computed on the fly) must give the same spectrum.
        var spec = FeatureSpec.Default;
        var frames = Frames(spec, Signals.MusicLike(spec.SampleRate, 3.2, seed: 4));
        var full = new ModulationSpectrum(spec.LogMelColumn, spec.MelBands, spec.ModulationGroups, spec.FrameRate, spec.TextureFrames);
        var partial = new ModulationSpectrum(spec.LogMelColumn, spec.MelBands, spec.ModulationGroups, spec.FrameRate, spec.TextureFrames + 1);
        var fromTables = new float[full.Length];
        var direct = new float[partial.Length];
        full.Compute(frames, spec.TextureFrames, spec.FrameStride, fromTables);
        partial.Compute(frames, spec.TextureFrames, spec.FrameStride, direct);

        for (var i = 0; i < direct.Length; i++)
        {
            Assert.Equal(direct[i], fromTables[i], 1e-3);
        }
    }

    [Fact]
    public void Delta_deviation_is_zero_for_a_steady_tone_and_positive_for_changing_sound()
    {
        var spec = FeatureSpec.Default;
        var deltas = new MfccDeltaDeviation(spec.MfccCount);
        var output = new float[deltas.Length];
        // Bin 40 of a 2048-point frame: a hop of 512 advances its phase by whole periods, so every frame is the same.
        var steady = Frames(spec, Signals.Sine(40.0 * spec.SampleRate / spec.FrameSize, spec.SampleRate, spec.SampleRate * 2));
        deltas.Compute(steady.AsSpan(spec.FrameStride), 40, spec.FrameStride, output);
        Assert.All(output, v => Assert.True(v < 1e-3, $"steady delta deviation {v}"));

        var changing = Frames(spec, Signals.MusicLike(spec.SampleRate, 2, seed: 5));
        deltas.Compute(changing, 40, spec.FrameStride, output);
        Assert.True(output[0] > 0.1, $"changing delta deviation {output[0]}");
    }

    [Fact]
    public void Vector_names_match_the_vector_length()
    {
        foreach (var spec in new[] { FeatureSpec.Default, FeatureSpec.Statistics, FeatureSpec.Fft1000 })
        {
            Assert.Equal(spec.VectorLength, spec.VectorFeatureNames().Count);
            Assert.Equal(spec.VectorLength, TextureAccumulator.For(spec).OutputLength is var n && spec.Kind == FeatureKind.Fft1000 ? spec.VectorLength : n);
        }
    }
}
