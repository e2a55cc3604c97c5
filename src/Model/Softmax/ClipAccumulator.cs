namespace GenreStream.Model.Softmax;

/// <summary>
/// Combines the per-window predictions of one clip into the clip's prediction, by
/// <see cref="ClipAggregation"/>. Preallocated; <see cref="Add"/> never allocates.
/// </summary>
public sealed class ClipAccumulator
{
    private readonly ClipAggregation _aggregation;
    private readonly double[] _sum;

    public ClipAccumulator(int classCount, ClipAggregation aggregation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        _aggregation = aggregation;
        _sum = new double[classCount];
    }

    /// <summary>Windows added since the last reset.</summary>
    public int Count { get; private set; }

    public void Reset()
    {
        Array.Clear(_sum);
        Count = 0;
    }

    /// <summary>Adds one window's log-probabilities.</summary>
    public void Add(ReadOnlySpan<float> logProbabilities)
    {
        for (var k = 0; k < _sum.Length; k++)
        {
            _sum[k] += _aggregation == ClipAggregation.MeanLogProbability
                ? logProbabilities[k]
                : Math.Exp(logProbabilities[k]);
        }

        Count++;
    }

    /// <summary>Writes the clip's probabilities (summing to 1) into <paramref name="probabilities"/>.</summary>
    public void Result(Span<float> probabilities)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("no windows were added");
        }

        if (_aggregation == ClipAggregation.MeanLogProbability)
        {
            Span<float> mean = stackalloc float[_sum.Length];
            for (var k = 0; k < _sum.Length; k++)
            {
                mean[k] = (float)(_sum[k] / Count);
            }

            LogSoftmax.Probabilities(mean, probabilities);
            return;
        }

        var total = 0.0;
        foreach (var s in _sum)
        {
            total += s;
        }

        for (var k = 0; k < _sum.Length; k++)
        {
            probabilities[k] = (float)(_sum[k] / total);
        }
    }
}
