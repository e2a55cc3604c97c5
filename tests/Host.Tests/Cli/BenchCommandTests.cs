using System.Text.Json;

namespace GenreStream.Host.Tests.Cli;

/// <summary><c>genre bench</c>: the JSON interface, zero allocation per window, and usage errors. No timed assertions.</summary>
public class BenchCommandTests
{
    [Fact]
    public void Bench_json_in_a_real_process_has_every_figure_positive_and_finite_and_allocates_nothing_per_window()
    {
        var (code, output, error) = GenreProcessTests.RunGenre("bench", "--seconds", "1", "--json");

        Assert.True(code == 0, string.Join("\n", error));
        var line = Assert.Single(output);
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        foreach (var name in new[] { "realtime_factor_one_thread", "p99_window_latency_ms", "realtime_factor_all_cores", "end_to_end_ns_per_window" })
        {
            var value = root.GetProperty(name).GetDouble();
            Assert.True(double.IsFinite(value) && value > 0, $"{name} = {value}");
        }

        var stages = root.GetProperty("stages");
        foreach (var stage in new[] { "framing_fft", "features", "texture", "model" })
        {
            var ns = stages.GetProperty(stage).GetDouble();
            Assert.True(double.IsFinite(ns) && ns > 0, $"stages.{stage} = {ns}");
        }

        // Allocation is deterministic: once warm, a window allocates nothing, end to end.
        Assert.Equal(0, root.GetProperty("bytes_per_window").GetDouble());
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("streams").GetInt32());

        // Where it was measured travels with the figures.
        var cpu = root.GetProperty("cpu");
        Assert.False(string.IsNullOrWhiteSpace(cpu.GetProperty("model").GetString()));
        Assert.Equal(Environment.ProcessorCount, cpu.GetProperty("cores").GetInt32());
        Assert.Equal(System.Numerics.Vector<float>.Count * 32, cpu.GetProperty("vector_bits").GetInt32());
        var widths = cpu.GetProperty("accelerated_vector_bits").EnumerateArray().Select(w => w.GetInt32()).ToList();
        Assert.Equal(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated, widths.Contains(256));
        Assert.Equal(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated, widths.Contains(512));
        Assert.Equal(widths.Count == 0 ? 0 : widths.Max(), cpu.GetProperty("widest_vector_bits").GetInt32());

        // Without --streams the object is as it was: no multi-stream part.
        Assert.False(root.TryGetProperty("multi_stream", out _));
    }

    [Fact]
    public void Bench_with_three_streams_gives_each_streams_figure_and_a_total_that_is_their_sum()
    {
        var result = CliRunner.Run(["bench", "--streams", "3", "--json", "--seconds", "0.5"]);

        Assert.True(result.ExitCode == 0, result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        var root = doc.RootElement;

        // The existing figures are still there, unchanged in meaning.
        Assert.True(root.GetProperty("realtime_factor_one_thread").GetDouble() > 0);
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("streams").GetInt32());

        var multi = root.GetProperty("multi_stream");
        Assert.Equal(3, multi.GetProperty("streams").GetInt32());
        Assert.Equal(Math.Min(3, Environment.ProcessorCount), multi.GetProperty("workers").GetInt32());
        var perStream = multi.GetProperty("realtime_factor_per_stream").EnumerateArray().Select(f => f.GetDouble()).ToArray();
        Assert.Equal(3, perStream.Length);
        Assert.All(perStream, f => Assert.True(double.IsFinite(f) && f > 0, $"a stream's real-time factor is {f}"));

        var total = multi.GetProperty("realtime_factor_total").GetDouble();
        Assert.Equal(total, perStream.Sum(), total * 1e-9);
        Assert.Equal(perStream.Min(), multi.GetProperty("realtime_factor_per_stream_min").GetDouble());
        Assert.Equal(perStream.Order().ElementAt(1), multi.GetProperty("realtime_factor_per_stream_median").GetDouble());
        Assert.Equal(perStream.Max(), multi.GetProperty("realtime_factor_per_stream_max").GetDouble());
        Assert.Equal(total / Environment.ProcessorCount, multi.GetProperty("realtime_streams_per_core").GetDouble(), total * 1e-9);

        // Total audio over wall time is the total factor; CPU per audio second is the cost of one real-time stream.
        var wall = multi.GetProperty("wall_seconds").GetDouble();
        var audio = multi.GetProperty("audio_seconds").GetDouble();
        var cpu = multi.GetProperty("cpu_seconds").GetDouble();
        Assert.True(wall > 0 && audio > 0 && cpu > 0, $"wall {wall}, audio {audio}, cpu {cpu}");
        Assert.Equal(total, audio / wall, total * 1e-9);
        Assert.Equal(cpu / audio, multi.GetProperty("cpu_share_per_realtime_stream").GetDouble(), 1e-12);
        Assert.Equal(cpu / (wall * Environment.ProcessorCount), multi.GetProperty("cpu_utilisation").GetDouble(), 1e-12);
    }

    [Fact]
    public void The_table_gives_the_streams_spread_their_sum_per_core_and_the_cpu_cost_of_one_real_time_stream()
    {
        // Four streams that classified 10, 20, 30 and 40 s of audio in 0.5 s of wall time, with 1 s of CPU on 2 cores.
        var multi = GenreStream.Host.Bench.MultiStreamRun.Report([220_500, 441_000, 661_500, 882_000], 22050, workers: 2, cores: 2, wallSeconds: 0.5, cpuSeconds: 1);
        Assert.Equal([20, 40, 60, 80], multi.RealtimeFactorPerStream.Select(f => Math.Round(f, 9)));
        Assert.Equal(50, multi.RealtimeFactorPerStreamMedian, 9);
        Assert.Equal(200, multi.RealtimeFactorTotal, 9);

        var report = new GenreStream.Host.Bench.BenchReport
        {
            Seconds = 1, AudioSecondsPerWindow = 1.5, FramesPerWindow = 65, Stages = new(300, 400, 50, 1), EndToEndNsPerWindow = 544,
            RealtimeFactorOneThread = 2500, RealtimeFactorOneThreadWall = 2500, BytesPerWindow = 0, P50WindowLatencyMs = 0.1,
            P99WindowLatencyMs = 0.2, Streams = 2, RealtimeFactorAllCores = 5000, RealtimeFactorPerCore = 2500,
            ArithmeticLimitRealtimeFactor = 10000, Runtime = ".NET",
            Cpu = new() { Model = "Test CPU", Cores = 2, VectorBits = 256, AcceleratedVectorBits = [128, 256] },
            MultiStream = multi,
        };
        var output = new StringWriter();
        GenreStream.Host.Bench.BenchTable.Write(report, output);
        var text = output.ToString();
        Assert.Contains("4 streams at once (2 worker threads", text, StringComparison.Ordinal);
        Assert.Contains("min 20x, median 50x, max 80x", text, StringComparison.Ordinal);
        Assert.Contains("200x: 100 real-time streams per core (2 cores)", text, StringComparison.Ordinal);
        Assert.Contains("1 s (100% of the 2 cores); one real-time stream costs 1.0% of a core", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_prints_a_table_of_the_stages_and_the_goals()
    {
        var result = CliRunner.Run(["bench", "--seconds", "0.3"]);

        Assert.True(result.ExitCode == 0, result.Error);
        foreach (var expected in new[] { "cpu: ", "Vector<float>", "framing + FFT", "features", "texture aggregation", "model", "end to end", "real time, one stream, one thread", "bytes allocated per window", "p99", "one stream per core" })
        {
            Assert.Contains(expected, result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Bench_says_whether_each_goal_was_met_and_its_stage_shares_add_up_to_the_whole()
    {
        var result = CliRunner.Run(["bench", "--seconds", "0.3"]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Matches(@"goal >= 2000x: (met|not met);", result.Out);
        Assert.Matches(@"goal 0: (met|not met)\n", result.Out);
        Assert.Matches(@"goal p99 <= 1 ms: (met|not met)\n", result.Out);

        // The shares are of the stages' sum (timed apart), so they add up to 100% whatever the end-to-end run took.
        double Share(string stage) => double.Parse(
            System.Text.RegularExpressions.Regex.Match(result.Out, $@"^{System.Text.RegularExpressions.Regex.Escape(stage)} .* ([0-9.]+)%$", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        var shares = new[] { "framing + FFT", "features (mel, MFCC, shape...)", "texture aggregation", "model (+ smoothing)" }.Select(Share).ToArray();
        Assert.Equal(100, shares.Sum(), 0.21);
        Assert.Equal(100, Share("sum of the stages"));
        Assert.Matches(@"end to end \(Rx pipeline, CPU\) .*\(the stages' sum is \d+% of it\)", result.Out);
    }

    [Theory]
    [InlineData(2500, 0, 0.5, "goal >= 2000x: met;", "goal 0: met", "goal p99 <= 1 ms: met")]
    [InlineData(1988, 16, 1.5, "goal >= 2000x: not met;", "goal 0: not met", "goal p99 <= 1 ms: not met")]
    public void The_table_says_met_or_not_met_beside_each_goal(double realtime, double bytes, double p99, string realtimeVerdict, string bytesVerdict, string latencyVerdict)
    {
        var report = new GenreStream.Host.Bench.BenchReport
        {
            Seconds = 1, AudioSecondsPerWindow = 1.5, FramesPerWindow = 65, Stages = new(300, 400, 50, 1), EndToEndNsPerWindow = 544,
            RealtimeFactorOneThread = realtime, RealtimeFactorOneThreadWall = realtime, BytesPerWindow = bytes, P50WindowLatencyMs = p99 / 2,
            P99WindowLatencyMs = p99, Streams = 2, RealtimeFactorAllCores = 2 * realtime, RealtimeFactorPerCore = realtime,
            ArithmeticLimitRealtimeFactor = 10000, Runtime = ".NET",
            Cpu = new() { Model = "Test CPU", Cores = 2, VectorBits = 256, AcceleratedVectorBits = [128, 256] },
        };
        var output = new StringWriter();
        GenreStream.Host.Bench.BenchTable.Write(report, output);
        Assert.Contains(realtimeVerdict, output.ToString(), StringComparison.Ordinal);
        Assert.Contains(bytesVerdict, output.ToString(), StringComparison.Ordinal);
        Assert.Contains(latencyVerdict, output.ToString(), StringComparison.Ordinal);
        Assert.Contains("(the stages' sum is 138% of it)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("cpu: Test CPU, 2 cores, vectors 128/256 bits (Vector<float> 256)", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--seconds", "0")]
    [InlineData("--seconds", "-3")]
    [InlineData("--seconds", "ten")]
    [InlineData("--seconds", "5000")]
    [InlineData("--fast")]
    [InlineData("--streams", "0")]
    [InlineData("--streams", "1001")]
    [InlineData("--streams", "two")]
    public void A_bad_flag_is_one_line_naming_it_and_exit_code_2(params string[] flag)
    {
        var result = CliRunner.Run(["bench", .. flag]);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.Equal(2, result.ErrorLines.Length);
        Assert.Contains(flag[0], result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("--help", result.ErrorLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Help_explains_the_figures_and_the_json_fields()
    {
        var result = CliRunner.Run(["bench", "--help"]);

        Assert.Equal(0, result.ExitCode);
        foreach (var expected in new[] { "--seconds", "--streams", "multi_stream", "realtime_factor_per_stream", "worker", "--json", "realtime_factor_one_thread", "bytes_per_window", "p99_window_latency_ms", "stages", "window" })
        {
            Assert.Contains(expected, result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_missing_model_file_is_a_setup_failure_in_one_line()
    {
        var result = CliRunner.Run(["bench", "--seconds", "0.1", "--model", "/nonexistent/model.json"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.StartsWith("genre bench: ", result.ErrorLines[0], StringComparison.Ordinal);
    }
}
