namespace GenreStream.Model.Evaluation;

/// <summary>
/// Temperature scaling (Guo et al. 2017): the single T > 0 that, dividing every logit, minimises the
/// log loss of held-out predictions. It changes no argmax, only how confident the probabilities are.
/// </summary>
public static class TemperatureScaling
{
    /// <summary>Smallest and largest temperature searched.</summary>
    public const double Min = 0.05, Max = 20;

    /// <summary>
    /// Fits T on held-out log-probabilities (log-probabilities are logits up to a per-row constant,
    /// so softmax(log p / T) is the tempered prediction). Golden-section search on log T.
    /// </summary>
    public static double Fit(IReadOnlyList<int> truth, IReadOnlyList<float[]> logProbabilities)
    {
        if (truth.Count == 0)
        {
            return 1;
        }

        double lo = Math.Log(Min), hi = Math.Log(Max);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        var a = hi - (ratio * (hi - lo));
        var b = lo + (ratio * (hi - lo));
        double fa = LogLoss(truth, logProbabilities, Math.Exp(a)), fb = LogLoss(truth, logProbabilities, Math.Exp(b));
        for (var i = 0; i < 60; i++)
        {
            if (fa < fb)
            {
                hi = b;
                b = a;
                fb = fa;
                a = hi - (ratio * (hi - lo));
                fa = LogLoss(truth, logProbabilities, Math.Exp(a));
            }
            else
            {
                lo = a;
                a = b;
                fa = fb;
                b = lo + (ratio * (hi - lo));
                fb = LogLoss(truth, logProbabilities, Math.Exp(b));
            }
        }

        return Math.Exp((lo + hi) / 2);
    }

    /// <summary>Mean negative log-probability of the truth after dividing log-probabilities by <paramref name="temperature"/>.</summary>
    public static double LogLoss(IReadOnlyList<int> truth, IReadOnlyList<float[]> logProbabilities, double temperature)
    {
        var total = 0.0;
        for (var n = 0; n < truth.Count; n++)
        {
            var row = logProbabilities[n];
            var max = double.NegativeInfinity;
            foreach (var v in row)
            {
                max = Math.Max(max, v / temperature);
            }

            var sum = 0.0;
            foreach (var v in row)
            {
                sum += Math.Exp((v / temperature) - max);
            }

            total -= (row[truth[n]] / temperature) - max - Math.Log(sum);
        }

        return total / truth.Count;
    }

    /// <summary>Tempered copies of log-probabilities (renormalised log-probabilities of softmax(log p / T)).</summary>
    public static float[] Apply(float[] logProbabilities, double temperature)
    {
        var scaled = logProbabilities.Select(v => (float)(v / temperature)).ToArray();
        Softmax.LogSoftmax.Compute(scaled, scaled);
        return scaled;
    }
}
