using System.Numerics;
using System.Numerics.Tensors;

namespace GenreStream.Model.Features;

/// <summary>Descriptors computed on raw (unwindowed) samples.</summary>
public static class TimeDomain
{
    /// <summary>Level floor: digital silence reads as -100 dBFS rather than -∞.</summary>
    public const float SilenceDecibels = -100f;

    /// <summary>Names of the time-domain values of a frame vector, in order: zero-crossing rate, RMS level.</summary>
    public static IReadOnlyList<string> Names { get; } = ["zcr", "rms_db"];

    /// <summary>Fraction of adjacent sample pairs whose signs differ (0 counts as positive), in crossings per sample.</summary>
    public static float ZeroCrossingRate(ReadOnlySpan<float> samples)
    {
        if (samples.Length < 2)
        {
            return 0f;
        }

        // A pair differs in sign when exactly one of the two is negative: compare whole vectors of
        // "is negative" masks (all ones or zero) of the samples and of their successors, and count.
        var crossings = 0;
        var i = 1;
        var width = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated && samples.Length > width)
        {
            var counts = Vector<int>.Zero;
            for (; i + width <= samples.Length; i += width)
            {
                var current = Vector.LessThan(new Vector<float>(samples[i..]), Vector<float>.Zero);
                var previous = Vector.LessThan(new Vector<float>(samples[(i - 1)..]), Vector<float>.Zero);
                counts -= current ^ previous;
            }

            crossings = Vector.Sum(counts);
        }

        for (; i < samples.Length; i++)
        {
            crossings += (samples[i] < 0) != (samples[i - 1] < 0) ? 1 : 0;
        }

        return (float)crossings / samples.Length;
    }

    /// <summary>Mean power of <paramref name="samples"/> (mean of squares).</summary>
    public static float MeanPower(ReadOnlySpan<float> samples) =>
        samples.IsEmpty ? 0f : TensorPrimitives.SumOfSquares(samples) / samples.Length;

    /// <summary>RMS level in dB relative to full scale (a full-scale sine reads -3 dBFS), floored at <see cref="SilenceDecibels"/>.</summary>
    public static float RmsDecibels(ReadOnlySpan<float> samples) => PowerToDecibels(MeanPower(samples));

    /// <summary>10·log10 of a mean power, floored at <see cref="SilenceDecibels"/> (below <see cref="PowerFloor.Value"/>).</summary>
    public static float PowerToDecibels(double meanPower) =>
        meanPower > PowerFloor.Value ? (float)(10 * Math.Log10(meanPower)) : SilenceDecibels;
}
