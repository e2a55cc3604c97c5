namespace GenreStream.Model.Features;

/// <summary>
/// How fast the timbre moves: the population standard deviation over a window of the first difference
/// of each MFCC between consecutive frames (d_t = c_t − c_{t−1}, t inside the window; zero for a
/// one-frame window).
/// </summary>
public sealed class MfccDeltaDeviation : IWindowDescriptor
{
    private readonly int _mfccCount;
    private readonly double[] _sum;
    private readonly double[] _sumSquares;
    private readonly bool _logarithm;

    /// <param name="mfccCount">MFCCs, stored at the start of each frame vector.</param>
    /// <param name="logarithm">Give ln(σ + <see cref="FeatureSpec.LogDeviationOffset"/>) rather than σ.</param>
    public MfccDeltaDeviation(int mfccCount, bool logarithm = false)
    {
        _logarithm = logarithm;
        _mfccCount = mfccCount;
        _sum = new double[mfccCount];
        _sumSquares = new double[mfccCount];
        Names = Enumerable.Range(0, mfccCount).Select(i => $"dmfcc{i}_std").ToArray();
    }

    public int Length => LengthFor(_mfccCount);

    public IReadOnlyList<string> Names { get; }

    /// <summary>Values written for <paramref name="mfccCount"/> MFCCs: one deviation each.</summary>
    public static int LengthFor(int mfccCount) => mfccCount;

    public void Compute(ReadOnlySpan<float> frames, int count, int stride, Span<float> output)
    {
        Array.Clear(_sum);
        Array.Clear(_sumSquares);
        for (var t = 1; t < count; t++)
        {
            var previous = frames.Slice((t - 1) * stride, _mfccCount);
            var current = frames.Slice(t * stride, _mfccCount);
            for (var i = 0; i < _mfccCount; i++)
            {
                double d = current[i] - previous[i];
                _sum[i] += d;
                _sumSquares[i] += d * d;
            }
        }

        var n = count - 1;
        for (var i = 0; i < _mfccCount; i++)
        {
            var deviation = 0.0;
            if (n >= 1)
            {
                var mean = _sum[i] / n;
                deviation = Math.Sqrt(Math.Max(0, (_sumSquares[i] / n) - (mean * mean)));
            }

            output[i] = _logarithm ? (float)Math.Log(deviation + FeatureSpec.LogDeviationOffset) : (float)deviation;
        }
    }
}
