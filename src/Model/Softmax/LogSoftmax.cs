namespace GenreStream.Model.Softmax;

/// <summary>
/// Numerically stable softmax through log-sum-exp: finite for any logits. Finite ones (±1e4 included) are
/// used as they are; +∞ counts as the largest float and −∞ and NaN as the lowest, so a logit that
/// overflowed (a huge feature times a weight) still gives probabilities that are finite and sum to 1.
/// </summary>
public static class LogSoftmax
{
    /// <summary>Writes log p_k = z_k - log Σ exp z_j into <paramref name="logProbabilities"/> (may alias <paramref name="logits"/>).</summary>
    public static void Compute(ReadOnlySpan<float> logits, Span<float> logProbabilities)
    {
        var max = Max(logits);
        var sum = 0.0;
        foreach (var z in logits)
        {
            sum += Math.Exp(Finite(z) - max);
        }

        // (z - max) - log Σ rather than z - (max + log Σ): near the largest float, max + log Σ would lose log Σ.
        var logSum = Math.Log(sum);
        for (var k = 0; k < logits.Length; k++)
        {
            logProbabilities[k] = (float)Math.Max(Finite(logits[k]) - max - logSum, float.MinValue);
        }
    }

    /// <summary>Writes softmax probabilities (summing to 1) of <paramref name="logits"/> into <paramref name="probabilities"/>.</summary>
    public static void Probabilities(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        var max = Max(logits);
        var sum = 0.0;
        for (var k = 0; k < logits.Length; k++)
        {
            var e = Math.Exp(Finite(logits[k]) - max);
            probabilities[k] = (float)e;
            sum += e;
        }

        var inverse = 1.0 / sum;
        for (var k = 0; k < logits.Length; k++)
        {
            probabilities[k] = (float)(probabilities[k] * inverse);
        }
    }

    private static double Max(ReadOnlySpan<float> logits)
    {
        var max = double.NegativeInfinity;
        foreach (var z in logits)
        {
            max = Math.Max(max, Finite(z));
        }

        return max;
    }

    private static double Finite(float z) => float.IsNaN(z) ? float.MinValue : Math.Clamp(z, float.MinValue, float.MaxValue);
}
