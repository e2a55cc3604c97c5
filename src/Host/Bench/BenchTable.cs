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
        output.WriteLine(string.Create(c, $"A window is one classification step: {r.AudioSecondsPerWindow:0.###} s of audio, {r.FramesPerWindow} frames."));
        output.WriteLine();
        output.WriteLine("stage                            ns/window   ns/frame   share");
        void Row(string name, double ns) =>
            output.WriteLine(string.Create(c, $"{name,-30} {ns,11:0} {ns / r.FramesPerWindow,10:0} {ns / r.EndToEndNsPerWindow,7:0%}"));
        Row("framing + FFT", s.FramingFft);
        Row("features (mel, MFCC, shape...)", s.Features);
        Row("texture aggregation", s.Texture);
        Row("model (+ smoothing)", s.Model);
        Row("sum of the stages", s.Total);
        Row("end to end (Rx pipeline, CPU)", r.EndToEndNsPerWindow);
        output.WriteLine();
        output.WriteLine(string.Create(c, $"real time, one stream, one thread   {r.RealtimeFactorOneThread,8:0}x CPU ({r.RealtimeFactorOneThreadWall:0}x wall)   goal >= 2000x; {r.RealtimeFactorOneThread / r.ArithmeticLimitRealtimeFactor:0%} of the ~{r.ArithmeticLimitRealtimeFactor:0}x arithmetic limit"));
        output.WriteLine(string.Create(c, $"bytes allocated per window (warm)   {r.BytesPerWindow,8:0.##}     goal 0"));
        output.WriteLine(string.Create(c, $"window latency, block in -> event   p50 {r.P50WindowLatencyMs:0.000} ms, p99 {r.P99WindowLatencyMs:0.000} ms   goal p99 <= 1 ms"));
        output.WriteLine(string.Create(c, $"throughput, one stream per core     {r.RealtimeFactorAllCores,8:0}x real time over {r.Streams} streams, {r.RealtimeFactorPerCore:0}x per core"));
    }
}
