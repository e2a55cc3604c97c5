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
        foreach (var expected in new[] { "--seconds", "--json", "realtime_factor_one_thread", "bytes_per_window", "p99_window_latency_ms", "stages", "window" })
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
