using System.Diagnostics;
using GenreStream.Model.Softmax;

namespace GenreStream.Host.Bench;

/// <summary>
/// N independent streams at once, as a multi-stream process would run them: each stream is its own
/// <see cref="StreamRun"/> (the same Rx pipeline as the one-stream run) on its own signal (<see cref="BenchSignal"/>
/// with the stream's index as seed), and a pool of one worker thread per core (fewer if there are fewer streams)
/// runs them. The workers take the streams in turn from one shared round (stream 0, 1, …, N-1, 0, …) and push one
/// block into each they take, skipping a stream another worker is still on, so every stream advances at the same
/// pace and a stream's state leaves the cache between its blocks, as in a server. No stream has a thread of its own:
/// a thousand streams are not a thousand threads.
/// </summary>
internal static class MultiStreamRun
{
    /// <summary>The most streams <c>--streams</c> accepts.</summary>
    public const int MaxStreams = 1000;

    /// <summary>Audio held for all the streams' signals together, in seconds: each loops its share (1 to 30 s).</summary>
    private const double SignalSecondsInAll = 240;

    /// <summary>Latencies are not reported for many streams; the recorder only needs to exist.</summary>
    private const int LatencyCapacity = 16;

    /// <summary>
    /// Builds the streams, runs them for <paramref name="warmUp"/> untimed, then for <paramref name="measure"/>
    /// of wall time (each worker finishes the block it is on), and reports what each stream classified.
    /// </summary>
    public static MultiStreamReport Run(SoftmaxModel model, double smoothingSeconds, int streams, TimeSpan warmUp, TimeSpan measure)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(streams, 1);
        var cores = Environment.ProcessorCount;
        var workers = Math.Min(streams, cores);
        var sampleRate = model.Spec.SampleRate;
        var signalSeconds = Math.Clamp(SignalSecondsInAll / streams, 1, 30);
        var round = new SharedRound(new StreamRun[streams]);
        var cpuSeconds = new double[workers];
        using var built = new Barrier(workers + 1);
        using var warmed = new Barrier(workers + 1);
        using var ready = new Barrier(workers + 1);
        using var done = new Barrier(workers + 1);
        var threads = new Thread[workers];
        for (var w = 0; w < workers; w++)
        {
            var worker = w;
            threads[w] = new Thread(() =>
            {
                // The signals are built in parallel, each worker a share; the streams are then run by whichever worker comes.
                for (var s = worker; s < streams; s += workers)
                {
                    round.Runs[s] = new StreamRun(model, smoothingSeconds, BenchSignal.Create(sampleRate, signalSeconds, s), LatencyCapacity);
                }

                built.SignalAndWait();
                round.RunFor(warmUp);
                warmed.SignalAndWait();
                ready.SignalAndWait();
                var cpu = ThreadCpuClock.Seconds();
                round.RunFor(measure);
                cpuSeconds[worker] = ThreadCpuClock.Seconds() - cpu;
                done.SignalAndWait();
            })
            { IsBackground = true, Name = $"bench worker {w}" };
            threads[w].Start();
        }

        built.SignalAndWait();
        warmed.SignalAndWait();
        round.ResetCounts();

        ready.SignalAndWait();
        var wall = Stopwatch.StartNew();
        done.SignalAndWait();
        var wallSeconds = wall.Elapsed.TotalSeconds;
        foreach (var thread in threads)
        {
            thread.Join();
        }

        var samples = round.Runs.Select(r => r.Samples).ToArray();
        foreach (var run in round.Runs)
        {
            run.Dispose();
        }

        return Report(samples, sampleRate, workers, cores, wallSeconds, cpuSeconds.Sum());
    }

    /// <summary>The figures from what each stream classified in <paramref name="wallSeconds"/>.</summary>
    public static MultiStreamReport Report(IReadOnlyList<long> samples, int sampleRate, int workers, int cores, double wallSeconds, double cpuSeconds)
    {
        var perStream = samples.Select(s => s / (double)sampleRate / wallSeconds).ToArray();
        var sorted = perStream.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        var audioSeconds = samples.Sum() / (double)sampleRate;
        var total = audioSeconds / wallSeconds;
        return new MultiStreamReport
        {
            Streams = samples.Count,
            Workers = workers,
            WallSeconds = wallSeconds,
            AudioSeconds = audioSeconds,
            RealtimeFactorPerStream = perStream,
            RealtimeFactorPerStreamMin = sorted[0],
            RealtimeFactorPerStreamMedian = median,
            RealtimeFactorPerStreamMax = sorted[^1],
            RealtimeFactorTotal = total,
            RealtimeStreamsPerCore = total / cores,
            CpuSeconds = cpuSeconds,
            CpuUtilisation = cpuSeconds / (wallSeconds * cores),
            CpuSharePerRealtimeStream = audioSeconds > 0 ? cpuSeconds / audioSeconds : double.NaN,
        };
    }

    /// <summary>The streams and the round the workers share: which stream is next, and which are being pushed now.</summary>
    private sealed class SharedRound(StreamRun[] runs)
    {
        private readonly int[] _busy = new int[runs.Length];
        private readonly bool[] _pushed = new bool[runs.Length];
        private long _next = -1;
        private int _neverPushed = runs.Length;

        public StreamRun[] Runs { get; } = runs;

        /// <summary>Forgets every stream's counts, and which have had a block; only while no worker runs.</summary>
        public void ResetCounts()
        {
            foreach (var run in Runs)
            {
                run.ResetCounts();
            }

            Array.Clear(_pushed);
            _neverPushed = Runs.Length;
        }

        /// <summary>
        /// Takes streams in turn and pushes a block into each until <paramref name="duration"/> has passed and every
        /// stream has had at least one block since <see cref="ResetCounts"/> (so none measures zero).
        /// </summary>
        public void RunFor(TimeSpan duration)
        {
            var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            do
            {
                var s = (int)(Interlocked.Increment(ref _next) % Runs.Length);

                // The exchange hands the stream over with a full fence, so what the last worker wrote into it is seen.
                if (Interlocked.CompareExchange(ref _busy[s], 1, 0) == 0)
                {
                    Runs[s].Push(1);
                    if (!_pushed[s])
                    {
                        _pushed[s] = true;
                        Interlocked.Decrement(ref _neverPushed);
                    }

                    Volatile.Write(ref _busy[s], 0);
                }
            }
            while (Stopwatch.GetTimestamp() < end || Volatile.Read(ref _neverPushed) > 0);
        }
    }
}
