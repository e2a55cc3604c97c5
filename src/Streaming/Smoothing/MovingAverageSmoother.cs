namespace GenreStream.Streaming.Smoothing;

/// <summary>
/// Mean of the last <see cref="Windows"/> probability vectors (fewer at the start), each window weighing
/// the same whatever its timing. A mean of probability vectors is itself a probability vector.
/// </summary>
/// <remarks>Keeps a running sum over a preallocated ring, recomputed exactly once per ring turn so rounding does not build up. Never allocates.</remarks>
public sealed class MovingAverageSmoother : IProbabilitySmoother
{
    private readonly float[][] _ring;
    private readonly double[] _sum;
    private readonly float[] _mean;
    private int _next;
    private int _count;

    /// <param name="length">Values per vector.</param>
    /// <param name="windows">Windows averaged, 1 or more (1 = no smoothing).</param>
    public MovingAverageSmoother(int length, int windows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(windows, 1);
        Windows = windows;
        _ring = new float[windows][];
        for (var i = 0; i < windows; i++)
        {
            _ring[i] = new float[length];
        }

        _sum = new double[length];
        _mean = new float[length];
    }

    /// <summary>Windows averaged.</summary>
    public int Windows { get; }

    /// <inheritdoc/>
    public ReadOnlySpan<float> Current => _mean;

    /// <inheritdoc/>
    public void Reset()
    {
        _count = 0;
        _next = 0;
        Array.Clear(_sum);
    }

    /// <inheritdoc/>
    public ReadOnlySpan<float> Update(ReadOnlySpan<float> values, double timeSeconds)
    {
        var slot = _ring[_next];
        if (_count == Windows)
        {
            for (var i = 0; i < _sum.Length; i++)
            {
                _sum[i] -= slot[i];
            }
        }
        else
        {
            _count++;
        }

        values[.._sum.Length].CopyTo(slot);
        _next = (_next + 1) % Windows;
        if (_next == 0)
        {
            // Once per turn of the ring, add up afresh.
            Array.Clear(_sum);
            for (var w = 0; w < _count; w++)
            {
                var row = _ring[w];
                for (var i = 0; i < _sum.Length; i++)
                {
                    _sum[i] += row[i];
                }
            }
        }
        else
        {
            for (var i = 0; i < _sum.Length; i++)
            {
                _sum[i] += slot[i];
            }
        }

        for (var i = 0; i < _mean.Length; i++)
        {
            _mean[i] = (float)(_sum[i] / _count);
        }

        return _mean;
    }
}
