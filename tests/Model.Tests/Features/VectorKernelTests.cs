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
