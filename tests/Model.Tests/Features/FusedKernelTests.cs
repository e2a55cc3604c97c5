using GenreStream.Model.Features;
using GenreStream.TestSupport;

namespace GenreStream.Model.Tests.Features;

/// <summary>
/// The fused and inlined frame kernels give what the one-value-at-a-time definitions give, on their vector and their scalar
/// paths, for lengths that are and are not whole vectors.
/// </summary>
public class FusedKernelTests
{
    [Theory]
    [InlineData(1025, 1)]
    [InlineData(929, 2)]
    [InlineData(13, 3)]
    [InlineData(5, 4)]
    public void Spectral_measures_match_the_double_precision_definitions_on_both_paths(int bins, int seed)
    {
        var shape = new SpectralShape(2048, 22050);
        var power = Signals.WhiteNoise(bins, seed, amplitude: 1).Select(v => v * v * 50f).ToArray();
        power[bins / 2] = 0; // floored for flatness, not log(0)
        power[bins - 1] = 1e-14f; // below the floor
        var f = shape.Frequencies;
        double m = 0, mf = 0, p = 0, pf2 = 0, floored = 0, log = 0;
        for (var k = 0; k < bins; k++)
        {
            var magnitude = Math.Sqrt(power[k]);
            m += magnitude;
            mf += magnitude * f[k];
            p += power[k];
            pf2 += power[k] * f[k] * f[k];
            floored += Math.Max(power[k], PowerFloor.SingleValue);
            log += Math.Log(Math.Max(power[k], PowerFloor.SingleValue));
        }

        var centroid = mf / m;
        double spread = 0, cumulative = 0;
        var rolloff = double.NaN;
        for (var k = 0; k < bins; k++)
        {
            var magnitude = Math.Sqrt(power[k]);
            spread += magnitude * (f[k] - centroid) * (f[k] - centroid);
            cumulative += magnitude;
            if (double.IsNaN(rolloff) && cumulative >= 0.85 * m)
            {
                rolloff = f[k];
            }
        }

        foreach (var vectors in new[] { true, false })
        {
            var magnitudes = new float[bins];
            var measured = shape.Measure(power, 0.85, 22050, magnitudes, vectors);
            Assert.Equal(centroid, measured.Centroid, centroid * 1e-5);
            Assert.Equal(Math.Sqrt(spread / m), measured.Bandwidth, Math.Sqrt(spread / m) * 1e-5);
            Assert.Equal(rolloff, measured.Rolloff);
            var flatness = Math.Exp(log / bins) / (floored / bins);
            Assert.Equal(flatness, measured.Flatness, flatness * 1e-4);
            var zcr = 2 * Math.Sqrt(pf2 / p) / 22050;
            Assert.Equal(zcr, measured.ExpectedZeroCrossingRate, zcr * 1e-5);
            for (var k = 0; k < bins; k++)
            {
                Assert.Equal(MathF.Sqrt(power[k]), magnitudes[k]);
            }
        }
    }

    [Fact]
    public void Spectral_measures_equal_the_separate_methods_to_float_rounding()
    {
        var shape = new SpectralShape(2048, 22050);
        var power = Signals.WhiteNoise(929, seed: 9, amplitude: 1).Select(v => v * v).ToArray();
        var magnitude = power.Select(MathF.Sqrt).ToArray();
        var scratch = new float[929];
        var measured = shape.Measure(power, 0.85, 22050, new float[929]);
        var centroid = shape.Centroid(magnitude);
        Assert.Equal(centroid, measured.Centroid, centroid * 1e-6);
        Assert.Equal(shape.Bandwidth(magnitude, centroid, scratch), measured.Bandwidth, measured.Bandwidth * 1e-6);
        Assert.Equal(shape.Rolloff(magnitude, 0.85), measured.Rolloff);
        Assert.Equal(SpectralShape.Flatness(power, scratch), measured.Flatness, measured.Flatness * 1e-5);
        Assert.Equal(shape.ExpectedZeroCrossingRate(power, 22050, scratch), measured.ExpectedZeroCrossingRate, measured.ExpectedZeroCrossingRate * 1e-6);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_silent_spectrum_measures_zero_and_flatness_one(bool vectors)
    {
        var shape = new SpectralShape(2048, 22050);
        var measured = shape.Measure(new float[1025], 0.85, 22050, new float[1025], vectors);
        Assert.Equal(new SpectralMeasures(0f, 0f, 0f, 1f, 0f), measured with { Flatness = MathF.Round(measured.Flatness, 5) });
    }

    [Theory]
    [InlineData(128, 10000)]
    [InlineData(40, 11025)]
    public void Mel_bank_sums_every_weighted_bin_on_both_paths(int bands, double maxHz)
    {
        var bank = new MelFilterBank(bands, 2048, 22050, 0, maxHz);
        var power = Signals.WhiteNoise(1025, seed: bands, amplitude: 1).Select(v => v * v).ToArray();
        foreach (var vectors in new[] { true, false })
        {
            var output = new float[bands];
            bank.Apply(power, output, vectors);
            for (var m = 0; m < bands; m++)
            {
                var expected = 0.0;
                for (var k = 0; k < power.Length; k++)
                {
                    expected += (double)bank.Weight(m, k) * power[k];
                }

                Assert.Equal(expected, output[m], Math.Max(expected * 1e-5, 1e-12));
            }
        }
    }

    [Fact]
    public void Chroma_paths_agree_with_the_double_precision_sums()
    {
        var bank = new ChromaFilterBank(2048, 22050, 65, 4200);
        var power = Signals.WhiteNoise(1025, seed: 12, amplitude: 1).Select(v => v * v).ToArray();
        var expected = new double[ChromaFilterBank.Classes];
        for (var k = 0; k < power.Length; k++)
        {
            if (bank.ClassOf(k) >= 0)
            {
                expected[bank.ClassOf(k)] += power[k];
            }
        }

        var max = expected.Max();
        foreach (var vectors in new[] { true, false })
        {
            var chroma = new float[ChromaFilterBank.Classes];
            bank.Apply(power, chroma, vectors);
            for (var c = 0; c < chroma.Length; c++)
            {
                Assert.Equal(expected[c] / max, chroma[c], 1e-5);
            }
        }
    }
}
