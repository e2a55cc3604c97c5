namespace GenreStream.Model.Features;

/// <summary>
/// How the timbre dimensions move together (the covariance part of Mandel and Ellis' song-level
/// Gaussian): the Pearson correlation of each pair of the first MFCCs over the frames of the window,
/// upper triangle row by row (c0–c1, c0–c2, …, c(K−2)–c(K−1)). A constant coefficient correlates 0.
/// </summary>
public sealed class MfccCorrelation : IWindowDescriptor
{
    private readonly int _count;
    private readonly double[] _mean;
    private readonly double[] _centred;

    /// <param name="coefficients">How many MFCCs (from c0), stored at the start of each frame vector.</param>
    /// <param name="maxFrames">The longest window in frames.</param>
    public MfccCorrelation(int coefficients, int maxFrames)
    {
        _count = coefficients;
        _mean = new double[coefficients];
        _centred = new double[coefficients * maxFrames];
        var names = new List<string>();
        for (var i = 0; i < coefficients; i++)
        {
            for (var j = i + 1; j < coefficients; j++)
            {
                names.Add($"mfcc_corr_{i}_{j}");
            }
        }

        Names = names;
    }

    public int Length => LengthFor(_count);

    public IReadOnlyList<string> Names { get; }

    /// <summary>Values written for <paramref name="coefficients"/> MFCCs (0 for none): one per pair.</summary>
    public static int LengthFor(int coefficients) => coefficients * (coefficients - 1) / 2;

    public void Compute(ReadOnlySpan<float> frames, int count, int stride, Span<float> output)
    {
        Array.Clear(_mean);
        for (var t = 0; t < count; t++)
        {
            for (var i = 0; i < _count; i++)
            {
                _mean[i] += frames[(t * stride) + i];
            }
        }

        for (var i = 0; i < _count; i++)
        {
            _mean[i] /= count;
        }

        for (var t = 0; t < count; t++)
        {
            for (var i = 0; i < _count; i++)
            {
                _centred[(i * count) + t] = frames[(t * stride) + i] - _mean[i];
            }
        }

        var at = 0;
        for (var i = 0; i < _count; i++)
        {
            var a = _centred.AsSpan(i * count, count);
            var aa = Dot(a, a);
            for (var j = i + 1; j < _count; j++)
            {
                var b = _centred.AsSpan(j * count, count);
                var bb = Dot(b, b);
                var denominator = Math.Sqrt(aa * bb);
                output[at++] = denominator > 1e-12 ? (float)(Dot(a, b) / denominator) : 0f;
            }
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) =>
        System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
