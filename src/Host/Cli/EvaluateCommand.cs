using System.CommandLine;
using System.Text.Json;
using GenreStream.Host.Training;
using GenreStream.Model.Softmax;

namespace GenreStream.Host.Cli;

/// <summary><c>genre evaluate</c>: the metrics of a model on any labelled set.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string?>("--model", "-m") { Description = "Model file (JSON). Default: the bundled model.", HelpName = "path" };
        var data = new Option<string[]>("--data", "-d")
        {
            Description = "Labelled audio: a folder laid out <genre>/<file>, or a TSV with 'path' and 'genre' columns. Repeat to combine sets.",
            Required = true,
            HelpName = "folder|tsv",
        };
        var json = new Option<bool>("--json") { Description = "Print the report as one JSON object instead of text." };
        var cache = new Option<string?>("--cache") { Description = "Feature cache folder (default: ~/.cache/genre-stream/features).", HelpName = "folder" };
        var noCache = new Option<bool>("--no-cache") { Description = "Extract every feature afresh and cache nothing." };
        var command = new Command("evaluate", "Measure a model on labelled audio: clip and 3-second-window accuracy, macro-F1, log loss, calibration error, confusion matrix.")
        {
            model, data, json, cache, noCache,
        };
        command.SetAction((parse, cancel) =>
        {
            SoftmaxModel loaded;
            DataSet set;
            string modelPath;
            try
            {
                var settings = Settings.GenreSettings.Load(context.ConfigDirectory);
                modelPath = parse.GetValue(model) ?? settings.ModelPath;
                loaded = ModelFile.Load(modelPath);
                set = DataSet.Load(parse.GetValue(data)!);
            }
            catch (Exception e) when (e is ModelFormatException or Settings.SettingsException or DataSetException)
            {
                context.Error.WriteLine($"genre: {e.Message}");
                return Task.FromResult(ExitCodes.SetupFailed);
            }

            var unknown = set.Labels.Where(l => loaded.IndexOf(l) < 0).ToArray();
            if (unknown.Length > 0)
            {
                context.Error.WriteLine($"genre: the data has genres the model does not know: {string.Join(", ", unknown)} (the model knows {string.Join(", ", loaded.Labels)})");
                return Task.FromResult(ExitCodes.SetupFailed);
            }

            var featureCache = parse.GetValue(noCache) ? null : new FeatureCache(parse.GetValue(cache) ?? FeatureCache.DefaultRoot(), loaded.Spec.Fingerprint);
            FeatureExtraction.Outcome[] outcomes;
            try
            {
                outcomes = FeatureExtraction.Run(set.Clips, loaded.Spec, featureCache, context.Progress(), cancel);
            }
            catch (OperationCanceledException)
            {
                context.Error.WriteLine("genre evaluate: cancelled");
                return Task.FromResult(ExitCodes.Cancelled);
            }

            var ok = new List<int>();
            for (var i = 0; i < outcomes.Length; i++)
            {
                if (outcomes[i].Error is { } error)
                {
                    context.Error.WriteLine($"genre: {set.Clips[i].Name}: {error}");
                }
                else
                {
                    ok.Add(i);
                }
            }

            if (ok.Count == 0)
            {
                context.Error.WriteLine("genre: no readable clips");
                return Task.FromResult(ExitCodes.InputFailed);
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
                context.Error.WriteLine($"genre evaluate: {seen} of {labelled.Count} clips were in the model's training set: the figures are optimistic; cross-validate with 'genre train --cv' for honest ones");
            }

            var report = ReportBuilder.Build(kind, labelled, all, windows, loaded.Aggregation) with
            {
                Unknown = loaded.Novelty is { } detector ? Judge(labelled, detector) : null,
            };
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(report, ReportJsonContext.Default.TrainingReport).ReplaceLineEndings(string.Empty));
            }
            else
            {
                context.Out.Write(report.ToText());
            }

            return Task.FromResult(ok.Count == outcomes.Length ? ExitCodes.Success : ExitCodes.InputFailed);
        });
        return command;
    }

    /// <summary>How the model's unknown detector judges the labelled music (all of it should be music).</summary>
    private static UnknownFigures Judge(LabelledFeatures data, Model.Novelty.NoveltyDetector detector)
    {
        var judged = data.Features.Select(f => NoveltyFit.Judge(detector, f)).ToArray();
        return UnknownFigures.Measure(data, [.. judged.Select(j => j.Scores)], [.. judged.Select(j => j.Margins)], detector.Threshold, detector.HasRejector ? detector.RejectorThreshold : null, [], []);
    }
}
