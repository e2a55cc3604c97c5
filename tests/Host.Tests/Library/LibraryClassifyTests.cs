using System.Collections.Concurrent;
using System.Security.Cryptography;
using GenreStream.Host.Tests.Cli;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Library;

/// <summary>
/// <c>genre classify &lt;folder&gt;</c> on a generated library (GTZAN excerpts in five formats, copies in sub-folders,
/// wrong extensions, damaged files, files that are not audio): what a run finds, its order, exit code, progress,
/// and <c>--resume</c> after a run killed mid-way.
/// </summary>
[Trait("Category", "Library")]
public sealed class LibraryClassifyTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public void A_folder_run_in_parallel_prints_what_a_serial_run_of_the_sorted_audio_files_prints()
    {
        var library = Make(200);

        var parallel = CliRunner.Run(["classify", "--json", "--jobs", "4", library.Root]);
        var serial = CliRunner.Run(["classify", "--json", "--jobs", "1", .. library.Audio]);

        Assert.Equal(3, parallel.ExitCode); // damaged files: each its line, the others classified
        Assert.Equal(serial.ExitCode, parallel.ExitCode);
        Assert.Equal(serial.Out, parallel.Out);
        Assert.Equal(LibraryRuns.Problems(serial.ErrorLines), LibraryRuns.Problems(parallel.ErrorLines));

        // Every audio file (found by content, whatever its extension) once, in sorted order; nothing else.
        var printed = LibraryRuns.Files(parallel.OutLines);
        var problems = LibraryRuns.Problems(parallel.ErrorLines);
        var failed = problems.Select(l => LibraryRuns.FileOf(l, library.Audio)).OfType<string>().ToArray();
        Assert.Equal(problems.Length, failed.Length); // every problem names a file of the library
        Assert.Equal(library.Audio.Except(failed).ToArray(), printed);
        Assert.Equal(library.Audio.Count, printed.Length + failed.Length);
        Assert.Contains(library.Damaged[0], failed);
        Assert.Contains(printed, f => f.EndsWith(".txt", StringComparison.Ordinal));
        Assert.DoesNotContain(printed, library.NotAudio.Contains);

        // Not a terminal: progress is a plain line, at least the closing one.
        Assert.Contains(parallel.ErrorLines, l => LibraryRuns.IsProgress(l) && l.Contains($"{library.Audio.Count}/{library.Audio.Count} files", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void A_run_killed_mid_way_and_resumed_prints_the_full_output_of_a_fresh_run()
    {
        var library = Make(80);
        var fresh = CliRunner.Run(["classify", "--json", library.Root]);

        // The real program, killed (SIGKILL) once a quarter of its results are out (20 of 80).
        var output = new ConcurrentQueue<string>();
        var error = new ConcurrentQueue<string>();
        using (var first = LibraryRuns.Start(["classify", "--json", "--resume", library.Root], output, error))
        {
            var quarter = SpinWait.SpinUntil(() => output.Count >= 20 || first.HasExited, TimeSpan.FromMinutes(2));
            Assert.True(quarter, "the first run printed no 20 results within two minutes");
            Assert.False(first.HasExited, $"the first run ended before it was killed: {string.Join('\n', error)}");
            first.Kill(entireProcessTree: true);
            Assert.True(first.WaitForExit(TimeSpan.FromSeconds(30)));
        }

        var results = Path.Combine(library.Root, ".genre-results.sqlite");
        Assert.True(File.Exists(results));
        var resumed = GenreProcessTests.RunGenre("classify", "--json", "--resume", library.Root);
        Assert.Equal(fresh.ExitCode, resumed.ExitCode);
        Assert.Equal(fresh.OutLines, resumed.Out);
        Assert.Equal(LibraryRuns.Problems(fresh.ErrorLines), LibraryRuns.Problems(resumed.Error));

        // The results were taken from the file, not computed again: a classified file emptied of its audio (same size,
        // same time) still gets its stored result with --resume, and an error without.
        var done = LibraryRuns.Files(output.Take(20)).Last(f => Path.GetExtension(f) is ".wav" or ".flac" or ".mp3" or ".ogg" or ".m4a");
        var time = File.GetLastWriteTimeUtc(done);
        File.WriteAllBytes(done, new byte[new FileInfo(done).Length]);
        File.SetLastWriteTimeUtc(done, time);
        var again = CliRunner.Run(["classify", "--json", "--resume", library.Root]);
        Assert.Equal(fresh.Out, again.Out);
        var without = CliRunner.Run(["classify", "--json", library.Root]);
        Assert.DoesNotContain(done, LibraryRuns.Files(without.OutLines));
        Assert.Contains(without.ErrorLines, l => l.StartsWith($"genre classify: {done}: ", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Resume_does_not_reuse_results_of_another_model()
    {
        var library = Make(12, damaged: 0);
        var results = _temp.File("results.sqlite");
        var bundled = CliRunner.Run(["classify", "--json", "--results", results, library.Root]);
        var random = CliRunner.Run(["classify", "--json", "--results", results, "--model", TestModels.RandomFile(), library.Root]);
        var randomFresh = CliRunner.Run(["classify", "--json", "--model", TestModels.RandomFile(), library.Root]);
        Assert.Equal(0, bundled.ExitCode);
        Assert.Equal(randomFresh.Out, random.Out);
        Assert.NotEqual(bundled.Out, random.Out);
    }

    [Fact]
    public void An_empty_folder_yes_alone_and_a_bad_or_unreachable_server_are_one_line_each()
    {
        Directory.CreateDirectory(_temp.File("empty"));
        File.WriteAllText(_temp.File("empty/readme.md"), "no music here");
        var empty = CliRunner.Run(["classify", _temp.File("empty")]);
        Assert.Equal(3, empty.ExitCode);
        Assert.Contains($"genre classify: {_temp.File("empty")}: no audio files in this folder", empty.ErrorLines);

        var yes = CliRunner.Run(["classify", "--yes", _temp.File("empty")]);
        Assert.Equal(2, yes.ExitCode);
        Assert.Single(yes.ErrorLines);

        var nats = CliRunner.Run(["classify", "--nats", "http://example.org", _temp.File("empty")]);
        Assert.Equal(2, nats.ExitCode);
        Assert.Equal(["genre classify: --nats: 'http://example.org' is not a NATS server address (nats://host:port, e.g. nats://127.0.0.1:4222)"], nats.ErrorLines);

        var unreachable = CliRunner.Run(["classify", "--nats", "nats://127.0.0.1:1", _temp.File("empty")]);
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Contains(unreachable.ErrorLines, l => l.StartsWith("genre classify: cannot reach the NATS server at nats://127.0.0.1:1", StringComparison.Ordinal));
    }

    private AudioLibrary Make(int size, int damaged = 6)
    {
        Requires.SharedData();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH (apt-get install ffmpeg)");
        return AudioLibrary.Create(_temp.File("library"), size, damaged: damaged);
    }

    internal static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
