namespace GenreStream.Host.Bench;

/// <summary>
/// Keeps the latest <c>capacity</c> latencies (in <see cref="System.Diagnostics.Stopwatch"/> ticks) in a
/// preallocated ring, so recording never allocates, and gives their percentiles afterwards.
/// </summary>
internal sealed class LatencyRecorder(int capacity)
{
    private readonly long[] _ticks = new long[capacity];
    private long _count;

    /// <summary>Latencies recorded (including any that the ring has since overwritten).</summary>
    public long Count => _count;

    public void Add(long ticks) => _ticks[(int)(_count++ % _ticks.Length)] = ticks;

    public void Clear() => _count = 0;

    /// <summary>The <paramref name="percentile"/> (0–100) of the kept latencies in milliseconds, nearest rank; 0 when none.</summary>
    public double PercentileMilliseconds(double percentile)
    {
        var kept = (int)Math.Min(_count, _ticks.Length);
        if (kept == 0)
        {
            return 0;
        }

        var sorted = _ticks.AsSpan(0, kept).ToArray();
        Array.Sort(sorted);
        var rank = Math.Clamp((int)Math.Ceiling(percentile / 100 * kept) - 1, 0, kept - 1);
        return sorted[rank] * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
    }
}
