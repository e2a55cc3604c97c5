using System.Globalization;

namespace GenreStream.Host.Bench;

/// <summary>The human-readable form of a <see cref="BenchReport"/>, with each figure beside its goal.</summary>
internal static class BenchTable
{
    public static void Write(BenchReport r, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        var s = r.Stages;
        output.WriteLine(string.Create(c, $"genre bench: {r.Seconds:0.##} s on {r.Streams} cores, {r.Runtime}"));
        output.WriteLine($"cpu: {r.Cpu.Describe()}");
        output.WriteLine(string.Create(c, $"A window is one classification step: {r.AudioSecondsPerWindow:0.###} s of audio, {r.FramesPerWindow} frames."));
        output.WriteLine();
        // The stages are timed apart (StageProfile) and the pipeline end to end in another run, so each stage's
        // share is of the stages' sum; the end-to-end row says how that sum compares with the whole pipeline.
        output.WriteLine("stage (timed apart)              ns/window   ns/frame   share");
        void Row(string name, double ns, string share) =>
            output.WriteLine(string.Create(c, $"{name,-30} {ns,11:0} {ns / r.FramesPerWindow,10:0} {share,8}"));
        void Stage(string name, double ns) => Row(name, ns, string.Create(c, $"{ns / s.Total:0.0%}"));
        Stage("framing + FFT", s.FramingFft);
        Stage("features (mel, MFCC, shape...)", s.Features);
        Stage("texture aggregation", s.Texture);
        Stage("model (+ smoothing)", s.Model);
        Stage("sum of the stages", s.Total);
        output.WriteLine();
        output.WriteLine(string.Create(c, $"{"end to end (Rx pipeline, CPU)",-30} {r.EndToEndNsPerWindow,11:0} {r.EndToEndNsPerWindow / r.FramesPerWindow,10:0}   (the stages' sum is {s.Total / r.EndToEndNsPerWindow:0%} of it)"));
        output.WriteLine();
        output.WriteLine(string.Create(c, $"real time, one stream, one thread   {r.RealtimeFactorOneThread,8:0}x CPU ({r.RealtimeFactorOneThreadWall:0}x wall)   goal >= {BenchGoals.RealtimeFactor:0}x: {BenchGoals.Verdict(r.RealtimeGoalMet)}; {r.RealtimeFactorOneThread / r.ArithmeticLimitRealtimeFactor:0%} of the ~{r.ArithmeticLimitRealtimeFactor:0}x arithmetic limit"));
        output.WriteLine(string.Create(c, $"bytes allocated per window (warm)   {r.BytesPerWindow,8:0.##}     goal {BenchGoals.BytesPerWindow:0}: {BenchGoals.Verdict(r.AllocationGoalMet)}"));
        output.WriteLine(string.Create(c, $"window latency, block in -> event   p50 {r.P50WindowLatencyMs:0.000} ms, p99 {r.P99WindowLatencyMs:0.000} ms   goal p99 <= {BenchGoals.P99WindowLatencyMs:0} ms: {BenchGoals.Verdict(r.LatencyGoalMet)}"));
        output.WriteLine(string.Create(c, $"throughput, one stream per core     {r.RealtimeFactorAllCores,8:0}x real time over {r.Streams} streams, {r.RealtimeFactorPerCore:0}x per core"));
        if (r.MultiStream is { } m)
        {
            WriteMultiStream(m, r.Cpu.Cores, output);
        }
    }

    /// <summary>A real-time factor with the digits that matter: 3431, 19.4, 1.46 (a stream near 1x is near falling behind).</summary>
    private static string Factor(double x) => x.ToString(x >= 100 ? "0" : x >= 10 ? "0.#" : "0.##", CultureInfo.InvariantCulture);

    private static void WriteMultiStream(MultiStreamReport m, int cores, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine(string.Create(c, $"{m.Streams} streams at once ({m.Workers} worker threads taking the streams in one round, a block each), {m.WallSeconds:0.##} s wall, {m.AudioSeconds:0} s of audio"));
        output.WriteLine(string.Create(c, $"  real time per stream (wall)       min {Factor(m.RealtimeFactorPerStreamMin)}x, median {Factor(m.RealtimeFactorPerStreamMedian)}x, max {Factor(m.RealtimeFactorPerStreamMax)}x"));
        output.WriteLine(string.Create(c, $"  real time in all (wall)           {m.RealtimeFactorTotal:0}x: {m.RealtimeStreamsPerCore:0} real-time streams per core ({cores} cores)"));
        output.WriteLine(string.Create(c, $"  CPU                               {m.CpuSeconds:0.###} s ({m.CpuUtilisation:0%} of the {cores} cores); one real-time stream costs {m.CpuSharePerRealtimeStream:0.0###%} of a core"));
    }
}
