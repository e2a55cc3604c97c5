using System.Diagnostics;
using GenreStream.Host.Cluster;
using GenreStream.Host.Library;
using GenreStream.Host.Training;
using GenreStream.Streaming.Classification;
using GenreStream.Streaming.Sources;

namespace GenreStream.Host.Cli;

/// <summary>
/// A <c>classify</c> run: inputs expanded (folders to their audio files), files classified in parallel here (or on a
/// cluster's workers), results printed in the order of the inputs, then tags listed or written.
/// </summary>
internal static class ClassifyRun
{
    public static int Run(string[] inputs, CommonOptions.Resolved setup, ClassifyRunOptions options, CliContext context)
    {
        var files = LibraryScan.Expand(inputs, out var emptyFolders);
        foreach (var folder in emptyFolders)
        {
            context.Error.WriteLine($"genre classify: {folder}: no audio files in this folder");
        }

        var interactive = context.ErrorIsTerminal && files.Count > 1;
        var progress = interactive || LibraryScan.HasFolder(inputs) ? context.Progress() : null;
        var failed = emptyFolders.Count;
        var music = new List<(string File, string Genre)>();

        void Emit(int i, ClipOutcome outcome)
        {
            var file = files[i];
            if (outcome.Result is not { } result)
            {
                failed++;
                context.Error.WriteLine($"{(interactive ? "\r\u001b[K" : string.Empty)}genre classify: {file}: {ClassifyCommand.Problem(file, outcome.Error ?? "no result")}");
                return;
            }

            // Not the input's fault when this fails: standard output that cannot be written ends the run (GenreCli says so).
            if (options.Json)
            {
                ClassifyOutput.WriteJson(context.Out, file, result, options.Timeline);
            }
            else
            {
                ClassifyOutput.WriteText(context.Out, file, result, options.Timeline);
            }

            context.Out.Flush();
            if (result.Status == Streaming.Tracking.TrackStatus.Music && file != InputOpener.StandardInput)
            {
                music.Add((file, result.TopLabel));
            }
        }

        var watch = Stopwatch.StartNew();
        progress?.Start("classify", files.Count, "files");
        int? code = options.NatsUrl is { } url
            ? RunOnCluster(url, files, setup, options, context, Emit, progress, watch)
            : RunHere(files, setup, options, context, Emit, progress, watch);
        if (code is { } setupProblem)
        {
            return setupProblem;
        }

        progress?.Stop(watch.Elapsed);
        if (options.WriteTags)
        {
            failed += TagStep.Run(music, options.Yes, context);
        }

        return failed == 0 ? ExitCodes.Success : ExitCodes.InputFailed;
    }

    private static int? RunHere(IReadOnlyList<string> files, CommonOptions.Resolved setup, ClassifyRunOptions options, CliContext context, Action<int, ClipOutcome> emit, ProgressBar? progress, Stopwatch watch)
    {
        ResultStore? store = null;
        if (options.ResultsPath is { } path)
        {
            try
            {
                store = ResultStore.Open(path, ModelIdentity.Of(setup.Model, setup.Tracking, options.Timeline));
            }
            catch (ResultStoreException e)
            {
                context.Error.WriteLine($"genre classify: {e.Message}");
                return ExitCodes.SetupFailed;
            }
        }

        using (store)
        {
            ClipOutcome Classify(int i)
            {
                var file = files[i];
                var resumable = store is not null && file != InputOpener.StandardInput;
                if (resumable && store!.Find(file) is { } kept)
                {
                    return kept;
                }

                try
                {
                    var result = ClipClassifier.Classify(SampleReaderObservable.Read(InputOpener.For(file, setup.Raw, context)), setup.Model, setup.Tracking, options.Timeline);
                    var outcome = ClipOutcome.Of(result);
                    if (resumable)
                    {
                        store!.Add(file, outcome);
                    }

                    return outcome;
                }
                catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
                {
                    // Any failure of one input is that input's line; the others are still classified.
                    return ClipOutcome.Failed(e.Message);
                }
            }

            OrderedParallelRun.Run(files.Count, options.Jobs, Classify, emit, done => progress?.Advance(done, watch.Elapsed));
        }

        return null;
    }

    private static int? RunOnCluster(string url, IReadOnlyList<string> files, CommonOptions.Resolved setup, ClassifyRunOptions options, CliContext context, Action<int, ClipOutcome> emit, ProgressBar? progress, Stopwatch watch)
    {
        try
        {
            // Workers open the files by full path; the results are printed with each path as given, and a worker's
            // message that starts with the full path is said as a local run says it.
            var paths = files.Select(Path.GetFullPath).ToArray();
            void Emit(int i, ClipOutcome outcome) => emit(i, outcome.Error is { } error && error.StartsWith(paths[i] + ": ", StringComparison.Ordinal)
                ? ClipOutcome.Failed($"{files[i]}: {error[(paths[i].Length + 2)..]}")
                : outcome);
            var submission = new ClusterSubmission(NatsAddress.Parse(url), paths, options.Timeline, ModelIdentity.Of(setup.Model, setup.Tracking, options.Timeline), context.Error);
            submission.RunAsync(Emit, done => progress?.Advance(done, watch.Elapsed), CancellationToken.None).GetAwaiter().GetResult();
            return null;
        }
        catch (ClusterException e)
        {
            context.Error.WriteLine($"genre classify: {e.Message}");
            return ExitCodes.SetupFailed;
        }
    }
}
