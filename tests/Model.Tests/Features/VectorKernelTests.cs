using GenreStream.Model.Features;
using GenreStream.TestSupport;

namespace GenreStream.Model.Tests.Features;

/// <summary>The kernels that run on whole vectors give what their one-value-at-a-time definitions give.</summary>
public class VectorKernelTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(9)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(2048)]
    public void Zero_crossing_rate_counts_every_sign_change_of_any_length(int length)
    {
        var random = new Random(length);
        var x = new float[length];
        for (var i = 0; i < length; i++)
        {
            // A third exact zeros (which count as positive), the rest of either sign.
            x[i] = random.Next(3) == 0 ? 0f : (float)((random.NextDouble() * 2) - 1);
        }

        var crossings = 0;
        for (var i = 1; i < length; i++)
        {
            crossings += (x[i] < 0) != (x[i - 1] < 0) ? 1 : 0;
        }

        var expected = length < 2 ? 0f : (float)crossings / length;
        Assert.Equal(expected, TimeDomain.ZeroCrossingRate(x));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Flatness_matches_the_double_precision_definition(int seed)
    {
        var power = Signals.WhiteNoise(1025, seed, amplitude: 1).Select(v => v * v * (seed == 2 ? 1e-6f : 100f)).ToArray();
        power[3] = 0; // floored, not log(0)
        var logSum = 0.0;
        var sum = 0.0;
        foreach (var p in power)
        {
            var floored = Math.Max(p, 1e-10);
            logSum += Math.Log(floored);
            sum += floored;
        }

        var expected = Math.Exp(logSum / power.Length) / (sum / power.Length);
        var ours = SpectralShape.Flatness(power, new float[power.Length]);
        Assert.Equal(expected, ours, expected * 1e-4);
    }

    [Fact]
    public void Chroma_sums_every_bin_into_its_pitch_class()
    {
        var bank = new ChromaFilterBank(2048, 22050, 65, 4200);
        var power = Signals.WhiteNoise(1025, seed: 8, amplitude: 1).Select(v => v * v).ToArray();
        var expected = new double[ChromaFilterBank.Classes];
        for (var k = 0; k < power.Length; k++)
        {
            if (bank.ClassOf(k) >= 0)
            {
                expected[bank.ClassOf(k)] += power[k];
            }
        }

        var max = expected.Max();
        var chroma = new float[ChromaFilterBank.Classes];
        bank.Apply(power, chroma);
        for (var c = 0; c < chroma.Length; c++)
        {
            Assert.Equal(expected[c] / max, chroma[c], 1e-5);
        }
    }

    [Fact]
    public void Bandwidth_matches_the_double_precision_definition()
    {
        var shape = new SpectralShape(2048, 22050);
        var magnitude = Signals.WhiteNoise(1025, seed: 6, amplitude: 1).Select(Math.Abs).ToArray();
        var centroid = shape.Centroid(magnitude);
        double total = 0, spread = 0;
        for (var k = 0; k < magnitude.Length; k++)
        {
            var d = (double)shape.Frequencies[k] - centroid;
            total += magnitude[k];
            spread += magnitude[k] * d * d;
        }

        var expected = Math.Sqrt(spread / total);
        Assert.Equal(expected, shape.Bandwidth(magnitude, centroid, new float[magnitude.Length]), expected * 1e-5);
        Assert.Equal(0f, shape.Bandwidth(new float[1025], 0, new float[1025]));
    }

    [Fact]
    public void Transform_then_describe_is_extract()
    {
        var spec = FeatureSpec.Default;
        var signal = Signals.MusicLike(spec.SampleRate, 1, seed: 5);
        var whole = new FrameFeatureExtractor(spec);
        var split = new FrameFeatureExtractor(spec);
        var expected = new float[whole.FeatureCount];
        var actual = new float[split.FeatureCount];
        for (var start = 0; start + spec.FrameSize <= signal.Length; start += spec.HopSize)
        {
            var frame = signal.AsSpan(start, spec.FrameSize);
            whole.Extract(frame, expected);
            split.Transform(frame);
            split.Describe(frame, actual);
            Assert.Equal(expected, actual);
        }
    }
}
