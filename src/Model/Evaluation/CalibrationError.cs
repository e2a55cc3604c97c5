namespace GenreStream.Model.Evaluation;

/// <summary>Expected calibration error over equal-width bins of the top probability.</summary>
public static class CalibrationError
{
    /// <summary>Bins used by <see cref="ClassificationReport"/>.</summary>
    public const int DefaultBins = 15;

    /// <summary>
    /// Σ_b (n_b / n)·|accuracy_b − confidence_b| where bin b holds the rows whose top probability lies in
    /// [b/B, (b+1)/B) (the last bin includes 1), accuracy_b is the fraction of them predicted correctly and
    /// confidence_b their mean top probability.
    /// </summary>
    /// <param name="confidence">Top probability of each row.</param>
    /// <param name="correct">Whether each row's top class is its true class.</param>
    /// <param name="bins">Number of equal-width bins over [0, 1].</param>
    public static double Expected(ReadOnlySpan<double> confidence, ReadOnlySpan<bool> correct, int bins = DefaultBins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (confidence.Length != correct.Length)
        {
            throw new ArgumentException($"{confidence.Length} confidences for {correct.Length} outcomes");
        }

        var count = new int[bins];
        var confidenceSum = new double[bins];
        var correctCount = new int[bins];
        for (var i = 0; i < confidence.Length; i++)
        {
            var b = Math.Clamp((int)(confidence[i] * bins), 0, bins - 1);
            count[b]++;
            confidenceSum[b] += confidence[i];
            correctCount[b] += correct[i] ? 1 : 0;
        }

        var error = 0.0;
        for (var b = 0; b < bins; b++)
        {
            if (count[b] > 0)
            {
                error += Math.Abs(((double)correctCount[b] - confidenceSum[b]) / count[b]) * count[b] / confidence.Length;
            }
        }

        return error;
    }
}
