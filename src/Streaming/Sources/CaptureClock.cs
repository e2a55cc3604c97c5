namespace GenreStream.Streaming.Sources;

/// <summary>
/// Remembers when recent audio entered its source, so the latency from a sample entering the server to
/// the event of the window it ends can be measured (<c>genre listen --verbose</c>).
/// </summary>
/// <remarks>
/// The producer marks each block's end (seconds of stream audio) with the timestamp at which that last
/// sample entered the source. For a source that produces audio in real time (a server, a paced file),
/// earlier samples of the block entered earlier by their distance from its end, so the latency includes
/// the wait for the rest of the block; for a source that hands over whole blocks at once (a file read as
/// fast as possible, a pipe) every sample of a block entered with the block. Positions among the last
/// <see cref="Capacity"/> blocks are answered. Thread-safe; allocates nothing after construction.
/// Time comes from the injected <see cref="TimeProvider"/>.
/// </remarks>
public sealed class CaptureClock
{
    /// <summary>Blocks remembered.</summary>
    public const int Capacity = 256;

    private readonly Lock _gate = new();
    private readonly double[] _ends = new double[Capacity];
    private readonly long[] _entered = new long[Capacity];
    private int _next;
    private int _count;

    /// <param name="time">The clock; the system's by default.</param>
    /// <param name="realTime">True when the source produces audio at its sample rate (see remarks).</param>
    public CaptureClock(TimeProvider? time = null, bool realTime = true)
    {
        Time = time ?? TimeProvider.System;
        RealTime = realTime;
    }

    /// <summary>The clock that timestamps are read from.</summary>
    public TimeProvider Time { get; }

    /// <summary>Whether samples entered the source at its sample rate rather than a whole block at once.</summary>
    public bool RealTime { get; }

    /// <summary>Records that the sample at <paramref name="endSeconds"/> (a block's end) entered the source at <paramref name="enteredTimestamp"/>.</summary>
    /// <param name="endSeconds">Stream position of the block's end, in seconds.</param>
    /// <param name="enteredTimestamp">A <see cref="TimeProvider.GetTimestamp"/> value of <see cref="Time"/>.</param>
    public void Mark(double endSeconds, long enteredTimestamp)
    {
        lock (_gate)
        {
            _ends[_next] = endSeconds;
            _entered[_next] = enteredTimestamp;
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
        }
    }

    /// <summary>Marks a block that entered the source now, less <paramref name="latency"/> spent in the source before it was read.</summary>
    public void MarkNow(double endSeconds, TimeSpan latency = default) =>
        Mark(endSeconds, Time.GetTimestamp() - (long)(latency.TotalSeconds * Time.TimestampFrequency));

    /// <summary>
    /// How long ago the sample at <paramref name="seconds"/> entered the source: measured from the first
    /// marked block end at or after it, less the audio between the two when <see cref="RealTime"/>; null when
    /// no remembered block reaches it.
    /// </summary>
    public TimeSpan? Age(double seconds)
    {
        long entered;
        lock (_gate)
        {
            var found = -1;
            for (var i = 0; i < _count; i++)
            {
                // Oldest first: the first block end at or after the position is the block that held it.
                var slot = (_next - _count + i + Capacity) % Capacity;
                if (_ends[slot] >= seconds - 1e-9)
                {
                    found = slot;
                    break;
                }
            }

            if (found < 0)
            {
                return null;
            }

            entered = RealTime ? _entered[found] - (long)((_ends[found] - seconds) * Time.TimestampFrequency) : _entered[found];
        }

        return Time.GetElapsedTime(entered);
    }
}
