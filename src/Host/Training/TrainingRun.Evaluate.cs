using GenreStream.Model.Novelty;
using GenreStream.Model.Softmax;

namespace GenreStream.Host.Training;

/// <summary>The workflow of <c>genre evaluate</c>: a trained model judged on labelled audio.</summary>
internal static partial class TrainingRun
{
    /// <summary>
    /// Judges <paramref name="loaded"/> (read from <paramref name="modelPath"/>) on <paramref name="set"/>: features
    /// cached under <paramref name="cacheRoot"/> (null: none), a report of clip and window figures and, when the
    /// model has one, of its unknown detector. Says on <paramref name="error"/> when the clips were in the model's
    /// training set (the figures are then optimistic).
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled during extraction.</exception>
    public static Result Evaluate(SoftmaxModel loaded, string modelPath, DataSet set, string? cacheRoot, IProgressSink progress, TextWriter error, CancellationToken cancel)
    {
        var unknown = set.Labels.Where(l => loaded.IndexOf(l) < 0).ToArray();
        if (unknown.Length > 0)
        {
            error.WriteLine($"genre: the data has genres the model does not know: {string.Join(", ", unknown)} (the model knows {string.Join(", ", loaded.Labels)})");
            return new Result(TrainingOutcome.SetupFailed, null);
        }

        var featureCache = cacheRoot is null ? null : new FeatureCache(cacheRoot, loaded.Spec.Fingerprint);
        var outcomes = FeatureExtraction.Run(set.Clips, loaded.Spec, featureCache, progress, cancel);
        var ok = new List<int>();
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i].Error is { } problem)
            {
                error.WriteLine($"genre: {set.Clips[i].Name}: {problem}");
            }
            else
            {
                ok.Add(i);
            }
        }

        if (ok.Count == 0)
        {
            error.WriteLine("genre: no readable clips");
            return new Result(TrainingOutcome.InputFailed, null);
        }

        var labelled = new LabelledFeatures(ok.Select(i => set.Clips[i]).ToArray(), ok.Select(i => outcomes[i].Features!).ToArray(), loaded.Labels);
        var all = Enumerable.Range(0, labelled.Count).ToArray();
        var windows = all.Select(i => LabelledFeatures.PredictWindows(loaded, labelled.Features[i])).ToArray();
        // Judging a model on its own training recordings flatters it: say so, whatever the files are called now.
        var trainedOn = ModelFile.TrainedOn(modelPath).Values.ToHashSet(StringComparer.Ordinal);
        var seen = trainedOn.Count == 0 ? 0 : labelled.Clips.Count(c => TrainingSetHashes.Of(c.Path) is { } hash && trainedOn.Contains(hash));
        var kind = seen == 0 ? "evaluation" : $"evaluated on data the model was trained on: optimistic ({seen} of {labelled.Count} clips)";
        if (seen > 0)
        {
            error.WriteLine($"genre evaluate: {seen} of {labelled.Count} clips were in the model's training set: the figures are optimistic; cross-validate with 'genre train --cv' for honest ones");
        }

        var report = ReportBuilder.Build(kind, labelled, all, windows, loaded.Aggregation) with
        {
            Unknown = loaded.Novelty is { } detector ? Judge(labelled, detector) : null,
        };
        return new Result(ok.Count == outcomes.Length ? TrainingOutcome.Done : TrainingOutcome.SomeClipsUnreadable, report);
    }

    /// <summary>How the model's unknown detector judges the labelled music (all of it should be music).</summary>
    private static UnknownFigures Judge(LabelledFeatures data, NoveltyDetector detector)
    {
        var judged = data.Features.Select(f => NoveltyFit.Judge(detector, f)).ToArray();
        return UnknownFigures.Measure(data, [.. judged.Select(j => j.Scores)], [.. judged.Select(j => j.Margins)], detector.Threshold, detector.HasRejector ? detector.RejectorThreshold : null, [], []);
    }
}
