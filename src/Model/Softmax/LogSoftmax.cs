namespace GenreStream.Model.Softmax;

/// <summary>Numerically stable softmax through log-sum-exp: finite for any finite logits (±1e4 included).</summary>
public static class LogSoftmax
{
    /// <summary>Writes log p_k = z_k - log Σ exp z_j into <paramref name="logProbabilities"/> (may alias <paramref name="logits"/>).</summary>
    public static void Compute(ReadOnlySpan<float> logits, Span<float> logProbabilities)
    {
        var max = double.NegativeInfinity;
        foreach (var z in logits)
        {
            max = Math.Max(max, z);
        }

        var sum = 0.0;
        foreach (var z in logits)
        {
            sum += Math.Exp(z - max);
        }

        var logNormaliser = max + Math.Log(sum);
        for (var k = 0; k < logits.Length; k++)
        {
            logProbabilities[k] = (float)(logits[k] - logNormaliser);
        }
    }

    /// <summary>Writes softmax probabilities (summing to 1) of <paramref name="logits"/> into <paramref name="probabilities"/>.</summary>
    public static void Probabilities(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        var max = double.NegativeInfinity;
        foreach (var z in logits)
        {
            max = Math.Max(max, z);
        }

        var sum = 0.0;
        for (var k = 0; k < logits.Length; k++)
        {
            var e = Math.Exp(logits[k] - max);
            probabilities[k] = (float)e;
            sum += e;
        }

        var inverse = 1.0 / sum;
        for (var k = 0; k < logits.Length; k++)
        {
            probabilities[k] = (float)(probabilities[k] * inverse);
        }
    }
}
