using System.Numerics.Tensors;

namespace GenreStream.Model.Features;

/// <summary>Descriptors computed on raw (unwindowed) samples.</summary>
public static class TimeDomain
{
    /// <summary>Level floor: digital silence reads as -100 dBFS rather than -∞.</summary>
    public const float SilenceDecibels = -100f;

    /// <summary>Fraction of adjacent sample pairs whose signs differ (0 counts as positive), in crossings per sample.</summary>
    public static float ZeroCrossingRate(ReadOnlySpan<float> samples)
    {
        if (samples.Length < 2)
        {
            return 0f;
        }

        var crossings = 0;
        var previousNegative = samples[0] < 0;
        for (var i = 1; i < samples.Length; i++)
        {
            var negative = samples[i] < 0;
            crossings += negative != previousNegative ? 1 : 0;
            previousNegative = negative;
        }

        return (float)crossings / samples.Length;
    }

    /// <summary>Mean power of <paramref name="samples"/> (mean of squares).</summary>
    public static float MeanPower(ReadOnlySpan<float> samples) =>
        samples.IsEmpty ? 0f : TensorPrimitives.SumOfSquares(samples) / samples.Length;

    /// <summary>RMS level in dB relative to full scale (a full-scale sine reads -3 dBFS), floored at <see cref="SilenceDecibels"/>.</summary>
    public static float RmsDecibels(ReadOnlySpan<float> samples) => PowerToDecibels(MeanPower(samples));

    /// <summary>10·log10 of a mean power, floored at <see cref="SilenceDecibels"/>.</summary>
    public static float PowerToDecibels(double meanPower) =>
        meanPower > 1e-10 ? (float)(10 * Math.Log10(meanPower)) : SilenceDecibels;
}
