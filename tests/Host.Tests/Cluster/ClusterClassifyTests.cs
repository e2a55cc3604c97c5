using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using GenreStream.Host.Tests.Cli;
using GenreStream.Host.Tests.Library;
using GenreStream.TestSupport;
using Xunit.Abstractions;

namespace GenreStream.Host.Tests.Cluster;

/// <summary>
/// <c>genre worker</c> and <c>genre classify --nats</c> against a real <c>nats-server -js</c>: a worker killed mid-job,
/// a damaged file, the server restarted mid-run. Every file must get exactly one result, printed as a local run prints it.
/// </summary>
[Trait("Category", "Nats")]
public sealed class ClusterClassifyTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public void A_worker_killed_mid_job_has_its_job_redelivered_and_every_file_gets_exactly_one_result()
    {
        using var cluster = new ClusterFixture();
        var library = Make(200, damaged: 0, extensions: [".flac"]); // a FLAC takes long enough to be caught in the middle
        var local = CliRunner.Run(["classify", "--json", library.Root]);

        var first = cluster.StartWorker();
        cluster.StartWorker();
        cluster.StartWorker();
        var (submitter, output, error) = Submit(cluster, library.Root);

        // Killed (SIGKILL) in the middle of a job: it has said it started one and not yet that it finished it.
        string? inFlight = null;
        Assert.True(
            SpinWait.SpinUntil(
                () =>
                {
                    var lines = first.Log.ToArray();
                    inFlight = first.JobsDone >= 3 && lines[^1].StartsWith("genre worker: started ", StringComparison.Ordinal) ? lines[^1]["genre worker: started ".Length..lines[^1].LastIndexOf(" (attempt", StringComparison.Ordinal)] : null;
                    return inFlight is not null || submitter.HasExited;
                },
                TimeSpan.FromMinutes(2)),
            "the first worker was not caught in a job within two minutes");
        first.Process.Kill(entireProcessTree: true);
        Assert.NotNull(inFlight);
        var killed = Stopwatch.StartNew();
        var replacement = cluster.StartWorker();

        Assert.True(submitter.WaitForExit(TimeSpan.FromMinutes(4)), "classify --nats did not finish within four minutes: " + string.Join('\n', error));
        submitter.WaitForExit();
        Assert.Equal(local.ExitCode, submitter.ExitCode);
        Assert.Equal(local.OutLines, output.ToArray());
        Assert.Equal(200, cluster.Messages("GENRE_RESULTS")); // one per file: duplicates were removed by job id
        Assert.Equal(0, cluster.Messages("GENRE_JOBS")); // every job acknowledged
        Assert.Equal(0, cluster.Messages("GENRE_DEAD"));

        // The killed worker's job went to another worker once its ack wait (5 s) had passed.
        var redelivered = cluster.Workers.Skip(1).SelectMany(w => w.Log).Where(l => l.StartsWith($"genre worker: {inFlight}: ", StringComparison.Ordinal) && l.EndsWith("attempt 2)", StringComparison.Ordinal)).ToArray();
        Assert.Single(redelivered);
        log.WriteLine($"redelivered: {string.Join(" | ", redelivered)}; jobs per worker: {string.Join(", ", cluster.Workers.Select(w => w.JobsDone))}; replacement did {replacement.JobsDone}; {killed.Elapsed.TotalSeconds:0.0} s from the kill to the end");
    }

    [SkippableFact]
    public void A_damaged_file_is_a_failed_result_and_a_dead_letter_with_its_error()
    {
        using var cluster = new ClusterFixture();
        var library = Make(21, damaged: 1);
        var broken = library.Damaged.Single();
        var local = CliRunner.Run(["classify", "--json", library.Root]);
        cluster.StartWorker();

        var (submitter, output, error) = Submit(cluster, library.Root);
        Assert.True(submitter.WaitForExit(TimeSpan.FromMinutes(3)), "classify --nats did not finish within three minutes");
        submitter.WaitForExit();

        Assert.Equal(3, submitter.ExitCode);
        Assert.Equal(local.OutLines, output.ToArray());
        Assert.Equal(Problems(local.ErrorLines), Problems(error));
        Assert.Single(Problems(error), l => l.StartsWith($"genre classify: {broken}: ", StringComparison.Ordinal));

        var letters = cluster.Read("GENRE_DEAD");
        var letter = JsonDocument.Parse(Assert.Single(letters)).RootElement;
        Assert.Equal(Path.GetFullPath(broken), letter.GetProperty("path").GetString());
        var reason = letter.GetProperty("error").GetString()!;
        Assert.StartsWith(Path.GetFullPath(broken) + ": ", reason, StringComparison.Ordinal);
        Assert.Contains(reason[(Path.GetFullPath(broken).Length + 2)..], Problems(local.ErrorLines).Single()); // the reason a local run gives
        Assert.Equal(1, letter.GetProperty("attempts").GetInt32()); // not retried: reading it again gives the same error
        Assert.Equal(21, cluster.Messages("GENRE_RESULTS"));
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_server_restarted_or_killed_mid_run_loses_nothing(bool graceful)
    {
        using var cluster = new ClusterFixture();
        var library = Make(120, damaged: 0);
        var local = CliRunner.Run(["classify", "--json", library.Root]);
        cluster.StartWorker();
        cluster.StartWorker();

        var (submitter, output, error) = Submit(cluster, library.Root);
        Assert.True(SpinWait.SpinUntil(() => output.Count >= 30 || submitter.HasExited, TimeSpan.FromMinutes(2)), "no 30 results within two minutes");
        Assert.False(submitter.HasExited);
        // A restart (SIGTERM) or a crash (SIGKILL): the workers and the submitter lose their connections meanwhile.
        cluster.Server.Stop(graceful);
        var printed = output.Count;
        cluster.Server.Start();
        Requires.Available(cluster.Server.WhyUnavailable);

        Assert.True(submitter.WaitForExit(TimeSpan.FromMinutes(4)), $"classify --nats did not finish within four minutes after the restart: {string.Join('\n', error.TakeLast(5))}\nresults stored: {cluster.Messages("GENRE_RESULTS")}\nworkers: {string.Join("\n", cluster.Workers.SelectMany(w => w.Log.TakeLast(5)))}");
        submitter.WaitForExit();
        Assert.Equal(local.ExitCode, submitter.ExitCode);
        Assert.Equal(local.OutLines, output.ToArray());
        Assert.Equal(120, cluster.Messages("GENRE_RESULTS"));
        Assert.True(printed < 120, "the run was over before the restart");
    }

    private static string[] Problems(IEnumerable<string> errorLines) =>
        [.. errorLines.Where(l => l.StartsWith("genre classify: ", StringComparison.Ordinal))];

    private static (Process Submitter, ConcurrentQueue<string> Output, ConcurrentQueue<string> Error) Submit(ClusterFixture cluster, string folder)
    {
        var output = new ConcurrentQueue<string>();
        var error = new ConcurrentQueue<string>();
        var process = LibraryRuns.Start(["classify", "--json", "--nats", cluster.Server.Url, folder], output, error);
        cluster.Own(process); // ended with the cluster, whatever the test's outcome
        return (process, output, error);
    }

    private AudioLibrary Make(int size, int damaged, string[]? extensions = null)
    {
        Requires.SharedData();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH (apt-get install ffmpeg)");
        return AudioLibrary.Create(_temp.File("library"), size, damaged: damaged, extensions: extensions ?? [".wav", ".flac"]);
    }
}
