using System.Globalization;

namespace GenreStream.Host.Live;

/// <summary>
/// Collects <c>genre listen --verbose</c>'s per-window latencies (sample entering the source → the window's
/// event) and summarises them: median, 99th percentile and maximum over the most recent windows.
/// </summary>
internal sealed class LatencyFigures
{
    /// <summary>Windows remembered (about 100 minutes at one window per 1.5 s).</summary>
    private const int Capacity = 4096;

    private readonly Lock _gate = new();
    private readonly double[] _milliseconds = new double[Capacity];
    private int _next;
    private int _count;

    public void Add(TimeSpan latency)
    {
        lock (_gate)
        {
            _milliseconds[_next] = latency.TotalMilliseconds;
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
        }
    }

    /// <summary>One line, e.g. "latency from a sample entering the source to its window's event: median 2.1 ms, p99 4.0 ms, max 5.2 ms (120 windows)"; null before any window.</summary>
    public string? Summary()
    {
        double[] sorted;
        lock (_gate)
        {
            if (_count == 0)
            {
                return null;
            }

            sorted = _milliseconds[.._count];
        }

        Array.Sort(sorted);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"latency from a sample entering the source to its window's event: median {Percentile(sorted, 0.5):0.0} ms, p99 {Percentile(sorted, 0.99):0.0} ms, max {sorted[^1]:0.0} ms ({sorted.Length} windows)");
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    internal static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
