namespace GenreStream.Model.Softmax;

/// <summary>
/// One-vs-rest probabilities through log-sigmoids: log σ(z) = -softplus(-z), finite for any finite z.
/// The normalised sigmoids σ_k / Σ σ_j are the softmax of the log-sigmoids, so normalising reuses <see cref="LogSoftmax"/>.
/// </summary>
public static class LogSigmoid
{
    /// <summary>log σ(z) = -(max(-z, 0) + log(1 + e^-|z|)).</summary>
    public static double Of(double z) => -(Math.Max(-z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))));

    /// <summary>Writes log(σ(z_k) / Σ_j σ(z_j)) into <paramref name="logProbabilities"/> (may alias <paramref name="logits"/>).</summary>
    public static void NormalisedLogProbabilities(ReadOnlySpan<float> logits, Span<float> logProbabilities)
    {
        ToLogSigmoids(logits, logProbabilities);
        LogSoftmax.Compute(logProbabilities[..logits.Length], logProbabilities);
    }

    /// <summary>Writes σ(z_k) / Σ_j σ(z_j) (summing to 1) into <paramref name="probabilities"/> (may alias <paramref name="logits"/>).</summary>
    public static void NormalisedProbabilities(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        ToLogSigmoids(logits, probabilities);
        LogSoftmax.Probabilities(probabilities[..logits.Length], probabilities);
    }

    private static void ToLogSigmoids(ReadOnlySpan<float> logits, Span<float> output)
    {
        for (var k = 0; k < logits.Length; k++)
        {
            output[k] = (float)Of(logits[k]);
        }
    }
}
