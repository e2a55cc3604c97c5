namespace GenreStream.Model.Features;

/// <summary>
/// Beat strength by tempo: the normalised autocorrelation of the onset envelope (the per-frame flux,
/// mean removed over the window) at lags from 40 to 240 beats per minute, averaged within tempo
/// bands with edges 40, 55, 75, 100, 135, 180, 240 BPM, plus the largest autocorrelation of any lag.
/// </summary>
/// <remarks>
/// r(l) = (Σ_t o_t o_{t+l} / (L − l)) / (Σ_t o_t² / L). Only lags up to L − 8 frames are used, so a
/// short window has fewer; a band with no lag, or a silent window, gives 0.
/// </remarks>
public sealed class RhythmDescriptor : IWindowDescriptor
{
    private static readonly double[] BpmEdges = [40, 55, 75, 100, 135, 180, 240];
    private readonly int _fluxColumn;
    private readonly int _minLag;
    private readonly int _maxLag;
    private readonly int[] _bandOfLag;
    private readonly double[] _bandSum;
    private readonly int[] _bandCount;
    private readonly double[] _onset;

    /// <param name="fluxColumn">Index of the flux value within each frame vector.</param>
    /// <param name="framesPerSecond">Frame rate (sample rate / hop).</param>
    /// <param name="maxFrames">The longest window, in frames.</param>
    public RhythmDescriptor(int fluxColumn, double framesPerSecond, int maxFrames)
    {
        _fluxColumn = fluxColumn;
        _minLag = (int)Math.Ceiling(60 * framesPerSecond / BpmEdges[^1]);
        _maxLag = (int)Math.Floor(60 * framesPerSecond / BpmEdges[0]);
        _bandOfLag = new int[_maxLag + 1];
        for (var lag = _minLag; lag <= _maxLag; lag++)
        {
            var bpm = 60 * framesPerSecond / lag;
            _bandOfLag[lag] = -1;
            for (var b = 0; b < BpmEdges.Length - 1; b++)
            {
                if (bpm >= BpmEdges[b] && bpm < BpmEdges[b + 1])
                {
                    _bandOfLag[lag] = b;
                }
            }
        }

        _bandSum = new double[BpmEdges.Length - 1];
        _bandCount = new int[BpmEdges.Length - 1];
        _onset = new double[maxFrames];
        var names = new List<string>();
        for (var b = 0; b < BpmEdges.Length - 1; b++)
        {
            names.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"rhythm_{BpmEdges[b]}_{BpmEdges[b + 1]}"));
        }

        names.Add("rhythm_max");
        Names = names;
    }

    /// <summary>Values every instance writes: one per tempo band, then the largest autocorrelation.</summary>
    public static int ValueCount => BpmEdges.Length;

    public int Length => ValueCount;

    public IReadOnlyList<string> Names { get; }

    public void Compute(ReadOnlySpan<float> frames, int count, int stride, Span<float> output)
    {
        output[..Length].Clear();
        var mean = 0.0;
        for (var t = 0; t < count; t++)
        {
            mean += frames[(t * stride) + _fluxColumn];
        }

        mean /= count;
        var energy = 0.0;
        for (var t = 0; t < count; t++)
        {
            _onset[t] = frames[(t * stride) + _fluxColumn] - mean;
            energy += _onset[t] * _onset[t];
        }

        var r0 = energy / count;
        var lastLag = Math.Min(_maxLag, count - 8);
        if (r0 <= 1e-12 || lastLag < _minLag)
        {
            return;
        }

        Array.Clear(_bandSum);
        Array.Clear(_bandCount);
        var max = double.NegativeInfinity;
        for (var lag = _minLag; lag <= lastLag; lag++)
        {
            var sum = System.Numerics.Tensors.TensorPrimitives.Dot(_onset.AsSpan(0, count - lag), _onset.AsSpan(lag, count - lag));

            var r = sum / (count - lag) / r0;
            max = Math.Max(max, r);
            var band = _bandOfLag[lag];
            if (band >= 0)
            {
                _bandSum[band] += r;
                _bandCount[band]++;
            }
        }

        for (var b = 0; b < _bandSum.Length; b++)
        {
            output[b] = _bandCount[b] > 0 ? (float)(_bandSum[b] / _bandCount[b]) : 0f;
        }

        output[_bandSum.Length] = (float)max;
    }
}
