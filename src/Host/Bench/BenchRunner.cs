using System.Diagnostics;
using System.Runtime.InteropServices;
using GenreStream.Model.Softmax;

namespace GenreStream.Host.Bench;

/// <summary>
/// Runs the three measurements of <c>genre bench</c> on a generated signal (<see cref="BenchSignal"/>):
/// the stages apart (<see cref="StageProfile"/>), one stream on one thread (<see cref="StreamRun"/>), and
/// one stream per core at once; with <c>--streams N</c> also N streams at once (<see cref="MultiStreamRun"/>).
/// Each first runs a fifth of its share untimed, so the JIT has settled.
/// </summary>
internal static class BenchRunner
{
    /// <summary>Real-time factor if a frame cost only its FFT's arithmetic (about 1 µs per 2048-point real FFT).</summary>
    public const double ArithmeticLimit = 10_000;

    private const double ProfileShare = 0.3;
    private const double OneThreadShare = 0.4;
    private const double AllCoresShare = 0.3;
    private const double WarmUpFraction = 0.2;

    /// <summary>With <c>--streams</c>, the N-stream run's share; the other three share the rest in their proportions.</summary>
    private const double MultiStreamShare = 0.4;

    /// <summary>
    /// Measures for about <paramref name="seconds"/> of wall time in all (plus, with <paramref name="multiStreams"/>,
    /// the time to build those streams' signals and pipelines).
    /// </summary>
    public static BenchReport Run(SoftmaxModel model, double smoothingSeconds, double seconds, int? multiStreams = null)
    {
        var spec = model.Spec;
        var signal = BenchSignal.Create(spec.SampleRate);
        var rest = multiStreams is null ? seconds : seconds * (1 - MultiStreamShare);
        var stages = Profile(model, smoothingSeconds, signal, Share(rest, ProfileShare));
        var one = OneThread(model, smoothingSeconds, signal, Share(rest, OneThreadShare));
        var streams = Environment.ProcessorCount;
        var allCores = AllCores(model, smoothingSeconds, signal, streams, Share(rest, AllCoresShare));
        MultiStreamReport? multi = null;
        if (multiStreams is { } n)
        {
            var share = Share(seconds, MultiStreamShare);
            multi = MultiStreamRun.Run(model, smoothingSeconds, n, share * WarmUpFraction, share * (1 - WarmUpFraction));
        }

        return new BenchReport
        {
            Seconds = seconds,
            AudioSecondsPerWindow = (double)spec.TextureHopFrames * spec.HopSize / spec.SampleRate,
            FramesPerWindow = spec.TextureHopFrames,
            Stages = stages,
            EndToEndNsPerWindow = one.CpuNsPerWindow,
            RealtimeFactorOneThread = one.AudioSeconds / one.CpuSeconds,
            RealtimeFactorOneThreadWall = one.AudioSeconds / one.WallSeconds,
            BytesPerWindow = one.BytesPerWindow,
            P50WindowLatencyMs = one.P50Ms,
            P99WindowLatencyMs = one.P99Ms,
            Streams = streams,
            RealtimeFactorAllCores = allCores,
            RealtimeFactorPerCore = allCores / streams,
            ArithmeticLimitRealtimeFactor = ArithmeticLimit,
            Runtime = RuntimeInformation.FrameworkDescription,
            Cpu = CpuDescription.Current(),
            MultiStream = multi,
        };
    }

    private static TimeSpan Share(double seconds, double share) => TimeSpan.FromSeconds(seconds * share);

    private static StageTimes Profile(SoftmaxModel model, double smoothingSeconds, float[] signal, TimeSpan share)
    {
        var profile = new StageProfile(model, smoothingSeconds);
        var position = 0;
        void RunFor(TimeSpan duration)
        {
            var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < end)
            {
                profile.Push(signal.AsSpan(position, BenchSignal.BlockSamples));
                position = (position + BenchSignal.BlockSamples) % signal.Length;
            }
        }

        RunFor(share * WarmUpFraction);
        profile.ResetTimes();
        var cpu = ThreadCpuClock.Seconds();
        var wall = Stopwatch.GetTimestamp();
        RunFor(share * (1 - WarmUpFraction));
        var wallSeconds = Stopwatch.GetElapsedTime(wall).TotalSeconds;
        var cpuSeconds = ThreadCpuClock.Seconds() - cpu;

        // The clock between stages is wall time: on a busy machine it also counts the time the thread waited for a
        // core. Scaling by the thread's share of a core over the run gives CPU time, as the end-to-end figures are.
        return profile.Times(Math.Clamp(cpuSeconds / wallSeconds, 0, 1));
    }

    /// <summary>Windows a stream classifies before it is measured, whatever the warm-up's wall time gave.</summary>
    private const int MinimumWarmUpWindows = 40;

    private static OneThreadFigures OneThread(SoftmaxModel model, double smoothingSeconds, float[] signal, TimeSpan share)
    {
        using var run = new StreamRun(model, smoothingSeconds, signal);
        run.RunFor(share * WarmUpFraction);

        // Warm means every path has run, however busy the machine was during the warm-up's wall time.
        while (run.Windows < MinimumWarmUpWindows)
        {
            run.Push(16);
        }

        run.ResetCounts();
        var duration = share * (1 - WarmUpFraction);
        var cpu = ThreadCpuClock.Seconds();
        var wall = Stopwatch.GetTimestamp();
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        run.RunFor(duration);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - bytes;
        var wallSeconds = Stopwatch.GetElapsedTime(wall).TotalSeconds;
        var cpuSeconds = ThreadCpuClock.Seconds() - cpu;
        var windows = Math.Max(1, run.Windows);
        return new OneThreadFigures(
            (double)run.Samples / model.Spec.SampleRate,
            cpuSeconds,
            wallSeconds,
            cpuSeconds * 1e9 / windows,
            (double)allocated / windows,
            run.Latencies.PercentileMilliseconds(50),
            run.Latencies.PercentileMilliseconds(99));
    }

    /// <summary>Seconds of audio per second of wall time over <paramref name="streams"/> streams, each on its own thread.</summary>
    private static double AllCores(SoftmaxModel model, double smoothingSeconds, float[] signal, int streams, TimeSpan share)
    {
        var samples = new long[streams];
        using var warm = new Barrier(streams + 1);
        using var done = new Barrier(streams + 1);
        var threads = new Thread[streams];
        for (var s = 0; s < streams; s++)
        {
            var index = s;
            threads[s] = new Thread(() =>
            {
                using var run = new StreamRun(model, smoothingSeconds, signal);
                run.RunFor(share * WarmUpFraction);
                run.ResetCounts();
                warm.SignalAndWait();
                run.RunFor(share * (1 - WarmUpFraction));
                samples[index] = run.Samples;
                done.SignalAndWait();
            })
            { IsBackground = true, Name = $"bench stream {s}" };
            threads[s].Start();
        }

        warm.SignalAndWait();
        var wall = Stopwatch.StartNew();
        done.SignalAndWait();
        var seconds = wall.Elapsed.TotalSeconds;
        foreach (var thread in threads)
        {
            thread.Join();
        }

        return samples.Sum() / (double)model.Spec.SampleRate / seconds;
    }

    private readonly record struct OneThreadFigures(double AudioSeconds, double CpuSeconds, double WallSeconds, double CpuNsPerWindow, double BytesPerWindow, double P50Ms, double P99Ms);
}
