using System.Text.Json.Serialization;

namespace GenreStream.Host.Bench;

/// <summary>
/// What <c>genre bench</c> measured. Serialised in snake case; <c>realtime_factor_one_thread</c>,
/// <c>bytes_per_window</c>, <c>p99_window_latency_ms</c> and <c>stages</c> are a fixed interface for scripts.
/// A "window" is one texture window, i.e. one classification step (<see cref="AudioSecondsPerWindow"/> of audio).
/// </summary>
internal sealed record BenchReport
{
    /// <summary>Seconds of measurement asked for (<c>--seconds</c>).</summary>
    public required double Seconds { get; init; }

    /// <summary>Audio per window (the texture hop), in seconds.</summary>
    public required double AudioSecondsPerWindow { get; init; }

    /// <summary>Analysis frames per window (each is framed, windowed and transformed).</summary>
    public required int FramesPerWindow { get; init; }

    /// <summary>Nanoseconds of one thread's CPU per window in each stage, measured apart (see <see cref="StageProfile"/>).</summary>
    public required StageTimes Stages { get; init; }

    /// <summary>Nanoseconds of the thread's CPU per window through the whole Rx pipeline, block in to smoothed event.</summary>
    public required double EndToEndNsPerWindow { get; init; }

    /// <summary>Seconds of audio per second of the thread's CPU time, one stream on one thread.</summary>
    public required double RealtimeFactorOneThread { get; init; }

    /// <summary>Seconds of audio per second of wall time, one stream on one thread.</summary>
    public required double RealtimeFactorOneThreadWall { get; init; }

    /// <summary>Bytes the stream's thread allocated per window once warm.</summary>
    public required double BytesPerWindow { get; init; }

    /// <summary>Median time from the arrival of the block holding a window's last sample to its smoothed event.</summary>
    public required double P50WindowLatencyMs { get; init; }

    /// <summary>99th percentile of the same latency.</summary>
    public required double P99WindowLatencyMs { get; init; }

    /// <summary>Streams run at once in the throughput run: one per core.</summary>
    public required int Streams { get; init; }

    /// <summary>Seconds of audio per second of wall time, summed over all the streams.</summary>
    public required double RealtimeFactorAllCores { get; init; }

    /// <summary><see cref="RealtimeFactorAllCores"/> divided by <see cref="Streams"/>.</summary>
    public required double RealtimeFactorPerCore { get; init; }

    /// <summary>The rough arithmetic limit (a 2048-point real FFT in about 1 µs per frame): about 10,000x real time.</summary>
    public required double ArithmeticLimitRealtimeFactor { get; init; }

    /// <summary>The .NET runtime that ran the benchmark.</summary>
    public required string Runtime { get; init; }

    /// <summary>The processor it ran on and the vector widths the kernels could use there.</summary>
    public required CpuDescription Cpu { get; init; }

    /// <summary>The N-stream run of <c>--streams N</c> (<c>multi_stream</c>); absent from the JSON without it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MultiStreamReport? MultiStream { get; init; }

    /// <summary>Whether <see cref="RealtimeFactorOneThread"/> reached <see cref="BenchGoals.RealtimeFactor"/>.</summary>
    public bool RealtimeGoalMet => RealtimeFactorOneThread >= BenchGoals.RealtimeFactor;

    /// <summary>Whether <see cref="BytesPerWindow"/> is within <see cref="BenchGoals.BytesPerWindow"/>.</summary>
    public bool AllocationGoalMet => BytesPerWindow <= BenchGoals.BytesPerWindow;

    /// <summary>Whether <see cref="P99WindowLatencyMs"/> is within <see cref="BenchGoals.P99WindowLatencyMs"/>.</summary>
    public bool LatencyGoalMet => P99WindowLatencyMs <= BenchGoals.P99WindowLatencyMs;
}
