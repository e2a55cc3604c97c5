namespace GenreStream.Model.Training;

/// <summary>
/// Per-feature mean and population standard deviation of a <see cref="TrainingSet"/>, the standardisation
/// a trained model stores. A deviation below <see cref="MinimumStd"/> is replaced by 1, so a constant
/// feature standardises to 0 instead of dividing by zero.
/// </summary>
public sealed class Standardizer
{
    /// <summary>Deviations below this count as zero (a constant feature).</summary>
    public const double MinimumStd = 1e-8;

    private readonly float[] _mean;
    private readonly float[] _std;

    private Standardizer(float[] mean, float[] std)
    {
        _mean = mean;
        _std = std;
    }

    public ReadOnlySpan<float> Mean => _mean;

    /// <summary>Positive per-feature deviations (1 for constant features).</summary>
    public ReadOnlySpan<float> Std => _std;

    /// <summary>Computes mean and population deviation of every feature (two passes, in double).</summary>
    public static Standardizer Fit(TrainingSet data)
    {
        var d = data.FeatureCount;
        var sum = new double[d];
        for (var i = 0; i < data.Count; i++)
        {
            var row = data.Row(i);
            for (var j = 0; j < d; j++)
            {
                sum[j] += row[j];
            }
        }

        var mean = new double[d];
        for (var j = 0; j < d; j++)
        {
            mean[j] = sum[j] / data.Count;
        }

        var squares = new double[d];
        for (var i = 0; i < data.Count; i++)
        {
            var row = data.Row(i);
            for (var j = 0; j < d; j++)
            {
                var deviation = row[j] - mean[j];
                squares[j] += deviation * deviation;
            }
        }

        var std = new float[d];
        for (var j = 0; j < d; j++)
        {
            var s = Math.Sqrt(squares[j] / data.Count);
            std[j] = s < MinimumStd ? 1f : (float)s;
        }

        return new Standardizer(mean.Select(m => (float)m).ToArray(), std);
    }

    /// <summary>Builds a standardizer from stored parameters (e.g. a model's).</summary>
    public static Standardizer From(ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        if (mean.Length != std.Length)
        {
            throw new ArgumentException($"{mean.Length} means and {std.Length} deviations");
        }

        return new Standardizer(mean.ToArray(), std.ToArray());
    }

    /// <summary>Writes (x - μ) / σ of every row of <paramref name="data"/> into a row-major double matrix.</summary>
    public double[] Apply(TrainingSet data)
    {
        var d = data.FeatureCount;
        if (d != _mean.Length)
        {
            throw new ArgumentException($"the set has {d} features, the standardizer {_mean.Length}");
        }

        var output = new double[data.Count * d];
        var x = data.Features;
        for (var i = 0; i < output.Length; i++)
        {
            var j = i % d;
            output[i] = (x[i] - (double)_mean[j]) / _std[j];
        }

        return output;
    }
}
