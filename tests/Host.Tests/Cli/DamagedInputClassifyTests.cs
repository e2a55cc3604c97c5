using System.Diagnostics;
using System.Text.Json;
using GenreStream.TestSupport;
using Xunit.Abstractions;

namespace GenreStream.Host.Tests.Cli;

/// <summary>
/// The damaged inputs of <see cref="DamagedAudio"/> through <c>genre classify</c> with the bundled model:
/// in-process for the bulk, and a sample through the real program. Every input ends, in bounded time,
/// as a result with finite probabilities summing to 1, or as one line on stderr naming the file (exit 3);
/// no stack trace, no crash.
/// </summary>
[Trait("Category", "ffmpeg")]
public sealed class DamagedInputClassifyTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20_250_801;
    private const int FilesPerRun = 100;
    private static readonly TimeSpan RunBound = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public void Every_damaged_file_and_raw_input_is_a_sane_result_or_one_error_line_in_process()
    {
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH (apt-get install ffmpeg): content that is not WAV or AU goes to it");
        // The first half of the sequence: the readers' test takes all 10,000; classify adds the pipeline, and time.
        var inputs = DamagedAudio.Generate(Seed, 5_000).ToList();
        var clock = Stopwatch.StartNew();
        var failed = 0;
        foreach (var batch in inputs.Where(i => i.Container != DamagedContainer.Raw).Chunk(FilesPerRun))
        {
            var paths = batch.Select(i => _temp.Write(i.FileName, i.Bytes)).ToArray();
            var result = Timed(batch, () => CliRunner.Run(["classify", "--json", .. paths]));
            failed += CheckRun(batch, paths, result.ExitCode, result.OutLines, result.ErrorLines);
            foreach (var path in paths)
            {
                File.Delete(path);
            }
        }

        // Raw PCM comes on standard input, one input per run (and one model load, so fewer of them).
        var raw = inputs.Where(i => i.Container == DamagedContainer.Raw).Take(300).ToList();
        foreach (var input in raw)
        {
            string[] args = ["classify", "--json", "--format", input.Raw!.Format, "--rate", $"{input.Raw.SampleRate}", "--channels", $"{input.Raw.Channels}", "-"];
            var result = Timed([input], () => CliRunner.Run(args, input.Bytes));
            failed += CheckRun([input], ["-"], result.ExitCode, result.OutLines, result.ErrorLines);
        }

        output.WriteLine($"{inputs.Count(i => i.Container != DamagedContainer.Raw)} files and {raw.Count} raw inputs (seed {Seed}) in {clock.Elapsed.TotalSeconds:F1} s; {failed} refused");
    }

    [SkippableFact]
    public void A_sample_of_damaged_files_through_the_real_program_gives_exit_code_3_and_one_line_each()
    {
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH (apt-get install ffmpeg): content that is not WAV or AU goes to it");

        // Every 40th input that is a file: about 200; the first 10 alone (one process each), the rest 50 to a process.
        var sample = Enumerable.Range(0, 10_000 / 40).Select(k => DamagedAudio.Create(Seed, k * 40)).Where(i => i.Container != DamagedContainer.Raw).ToList();
        var runs = sample.Take(10).Select(i => new[] { i }).Concat(sample.Skip(10).Chunk(50));
        var codes = new List<int>();
        foreach (var batch in runs)
        {
            var paths = batch.Select(i => _temp.Write(i.FileName, i.Bytes)).ToArray();
            var (code, lines, errors) = Timed(batch, () => GenreProcessTests.RunGenre(["classify", "--json", .. paths]));
            CheckRun(batch, paths, code, lines, errors);
            codes.Add(code);
        }

        Assert.Contains(3, codes);
        output.WriteLine($"{sample.Count} files (seed {Seed}) in {codes.Count} processes; exit codes {string.Join(",", codes)}");
    }

    private static T Timed<T>(DamagedInput[] batch, Func<T> run)
    {
        var clock = Stopwatch.StartNew();
        var result = run();
        Assert.True(clock.Elapsed < RunBound, $"classify took {clock.Elapsed.TotalSeconds:F1} s for inputs {string.Join(", ", batch.Select(i => i.Index))} (seed {Seed})");
        return result;
    }

    /// <summary>Checks that each input is one JSON result or one error line; returns how many failed.</summary>
    private static int CheckRun(DamagedInput[] batch, string[] paths, int exitCode, string[] lines, string[] errors)
    {
        string Describe(string path) => batch[IndexOf(paths, path)].ToString();
        var results = lines.Select(line => JsonDocument.Parse(line)).ToList();
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var error in errors)
        {
            var path = paths.FirstOrDefault(p => error.StartsWith($"genre classify: {p}: ", StringComparison.Ordinal));
            Assert.True(path is not null, $"stderr line names no input: '{error}' (seed {Seed}, inputs {string.Join(", ", batch.Select(i => i.Index))})");
            Assert.True(refused.Add(path), $"two error lines for {Describe(path)}");
            var problem = error[$"genre classify: {path}: ".Length..];
            Assert.False(string.IsNullOrWhiteSpace(problem), $"no problem named for {Describe(path)}");
            Assert.False(path != "-" && problem.Contains(path, StringComparison.Ordinal), $"the file is named twice for {Describe(path)}: {error}");
            Assert.False(problem.Contains(" at ", StringComparison.Ordinal) && problem.Contains("()", StringComparison.Ordinal), $"stack trace for {Describe(path)}: {error}");
        }

        foreach (var doc in results)
        {
            var path = doc.RootElement.GetProperty("file").GetString()!;
            Assert.False(refused.Contains(path), $"both a result and an error for {Describe(path)}");
            var p = doc.RootElement.GetProperty("probabilities").EnumerateObject().Select(e => e.Value.GetDouble()).ToArray();
            Assert.True(p.Length == 10 && p.All(v => double.IsFinite(v) && v >= 0 && v <= 1) && Math.Abs(p.Sum() - 1) < 1e-4, $"probabilities {string.Join(",", p)} for {Describe(path)}");
        }

        Assert.True(results.Count + refused.Count == paths.Length, $"{results.Count} results and {refused.Count} errors for {paths.Length} inputs (seed {Seed}, inputs {string.Join(", ", batch.Select(i => i.Index))})");
        Assert.True(exitCode == (refused.Count > 0 ? 3 : 0), $"exit code {exitCode} with {refused.Count} errors (seed {Seed}, inputs {string.Join(", ", batch.Select(i => i.Index))})");
        return refused.Count;
    }

    private static int IndexOf(string[] paths, string path)
    {
        for (var i = 0; i < paths.Length; i++)
        {
            if (paths[i] == path)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"'{path}' is not an input");
    }
}
