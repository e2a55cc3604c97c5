namespace GenreStream.Host.Bench;

/// <summary>
/// What <c>genre bench --streams N</c> measured: N independent streams at once on this machine's cores
/// (see <see cref="MultiStreamRun"/>). Every real-time factor is seconds of audio per second of wall time
/// over the same measured interval, so the per-stream figures add up to <see cref="RealtimeFactorTotal"/>.
/// </summary>
internal sealed record MultiStreamReport
{
    /// <summary>Streams run at once (<c>--streams</c>), each its own pipeline and signal.</summary>
    public required int Streams { get; init; }

    /// <summary>Threads that ran them: one per core, or fewer when there are fewer streams than cores.</summary>
    public required int Workers { get; init; }

    /// <summary>Wall time of the measured interval, in seconds (after warm-up).</summary>
    public required double WallSeconds { get; init; }

    /// <summary>Seconds of audio all the streams classified in that time.</summary>
    public required double AudioSeconds { get; init; }

    /// <summary>Each stream's seconds of audio per second of wall time, in stream order.</summary>
    public required IReadOnlyList<double> RealtimeFactorPerStream { get; init; }

    /// <summary>The slowest stream's real-time factor.</summary>
    public required double RealtimeFactorPerStreamMin { get; init; }

    /// <summary>The median stream's real-time factor (the mean of the middle two for an even count).</summary>
    public required double RealtimeFactorPerStreamMedian { get; init; }

    /// <summary>The fastest stream's real-time factor.</summary>
    public required double RealtimeFactorPerStreamMax { get; init; }

    /// <summary>Seconds of audio per second of wall time over all the streams: the sum of the per-stream figures.</summary>
    public required double RealtimeFactorTotal { get; init; }

    /// <summary>
    /// <see cref="RealtimeFactorTotal"/> over the machine's logical cores: how many real-time streams each core
    /// carried at the throughput measured, with whatever else the machine was doing at the time.
    /// </summary>
    public required double RealtimeStreamsPerCore { get; init; }

    /// <summary>CPU time the worker threads used in the measured interval, in seconds.</summary>
    public required double CpuSeconds { get; init; }

    /// <summary><see cref="CpuSeconds"/> over wall time times cores: the share of the machine the streams got (1 = all of it).</summary>
    public required double CpuUtilisation { get; init; }

    /// <summary>
    /// <see cref="CpuSeconds"/> over <see cref="AudioSeconds"/>: the share of one core that one real-time stream
    /// costs (0.0004 = 0.04% of a core), independent of how busy the machine was.
    /// </summary>
    public required double CpuSharePerRealtimeStream { get; init; }
}
