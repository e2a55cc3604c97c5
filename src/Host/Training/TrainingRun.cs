using System.Globalization;
using System.Text.Json;
using GenreStream.Model.Features;
using GenreStream.Model.Novelty;
using GenreStream.Model.Softmax;

namespace GenreStream.Host.Training;

/// <summary>How a training or evaluation run ended.</summary>
internal enum TrainingOutcome
{
    /// <summary>Every clip was read; the model was trained (and written, when asked) or judged.</summary>
    Done,

    /// <summary>Done, but some clips could not be read and were left out.</summary>
    SomeClipsUnreadable,

    /// <summary>The data, the model or the output do not fit (one genre, no folds for a C grid, genres the model does not know, an unwritable file).</summary>
    SetupFailed,

    /// <summary>No clips, or too few genres, could be read.</summary>
    InputFailed,
}

/// <summary>
/// The workflow of <c>genre train</c> (and so of scripts/train-bundled-model.sh): extract labelled features,
/// fit and judge the unknown detector out of fold, cross-validate when asked, fit the final model, write it
/// with its provenance and its report. Problems go to <c>error</c> as one line each.
/// </summary>
internal static partial class TrainingRun
{
    /// <summary>The default C candidates: chosen among by cross-validation inside the training folds.</summary>
    public const string DefaultCGrid = "0.01,0.03,0.1,0.3,1";

    /// <summary>What a run ended with, and its report (null when it failed).</summary>
    public sealed record Result(TrainingOutcome Outcome, TrainingReport? Report);

    /// <summary>Trains on <paramref name="setup"/>: cross-validated when <paramref name="crossValidate"/>, writing the model (and its report beside it) when <paramref name="output"/> is given; one of the two is.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; nothing was written.</exception>
    public static Result Train(TrainingSetup setup, string? output, bool crossValidate, TextWriter error, CancellationToken cancel)
    {
        // Before extracting anything: a classifier needs two genres at least.
        if (TooFewGenres([.. setup.Data.Labels]) is { } few)
        {
            error.WriteLine($"genre train: {few}");
            return new Result(TrainingOutcome.SetupFailed, null);
        }

        var (labelled, failed) = setup.Extract(error, cancel);
        if (labelled is null)
        {
            return new Result(TrainingOutcome.InputFailed, null);
        }

        // The clips that could not be read may have taken a genre with them.
        if (TooFewGenres([.. labelled.Clips.Select(c => c.Genre).Distinct(StringComparer.Ordinal)]) is { } left)
        {
            error.WriteLine($"genre train: of the clips that could be read, {left}");
            return new Result(TrainingOutcome.InputFailed, null);
        }

        var options = setup.Options;
        TrainingReport? report = null;
        FoldPlan? plan = null;
        if (crossValidate || setup.CGrid.Count > 1)
        {
            try
            {
                plan = FoldPlan.Create(labelled.Clips);
            }
            catch (DataSetException e)
            {
                var hint = crossValidate ? string.Empty : " (or give a single --c, which needs no cross-validation)";
                error.WriteLine($"genre train: {e.Message}{hint}");
                return new Result(TrainingOutcome.SetupFailed, null);
            }
        }

        // The unknown detector is judged like the genres: each fold's detector never saw the fold's artists,
        // nor the fold's kinds of synthesised non-music.
        var synthesised = setup.ExtractNonMusic(setup.NonMusicTraining, cancel);
        var checkedOnly = setup.ExtractNonMusic(setup.NonMusic, cancel);
        var novelty = NoveltyOutOfFold(labelled, ref plan, synthesised, setup.Spec, cancel);
        NoveltyDetector? finalDetector = null;
        UnknownFigures? unknown = null;
        if (novelty is not null && (crossValidate || output is not null))
        {
            var rate = synthesised.Count > 0 ? setup.UnknownWindowRate / 2 : setup.UnknownWindowRate;
            var threshold = NoveltyFit.Quantile(novelty.MusicScores.Where(s => s is not null).SelectMany(s => s), rate);
            float? rejectorThreshold = synthesised.Count > 0 ? NoveltyFit.Quantile(novelty.MusicMargins.Where(s => s is not null).SelectMany(s => s), rate) : null;
            var fitted = NoveltyFit.Fit(labelled, Enumerable.Range(0, labelled.Count).ToArray(), [.. synthesised.Select(n => n.Features)], setup.Spec, cancel).WithThreshold(threshold);
            finalDetector = rejectorThreshold is { } rt ? fitted.WithRejector(fitted.Rejector, fitted.RejectorBias, rt) : fitted;
            unknown = UnknownFigures.Measure(
                labelled,
                novelty.MusicScores,
                novelty.MusicMargins,
                threshold,
                rejectorThreshold,
                [.. synthesised.Select((n, j) => new UnknownFigures.Judged(n.Name, novelty.OtherScores[j], novelty.OtherMargins[j]))],
                [.. checkedOnly.Select(n => Judged(n.Name, NoveltyFit.Judge(finalDetector, n.Features)))]);
        }

        if (crossValidate)
        {
            var resampled = setup.EvaluateAt44100 ? setup.ExtractAt44100(labelled, cancel) : null;
            var result = CrossValidation.Run(labelled, plan!, setup.Spec, options, setup.Weighting, setup.CGrid, setup.Progress, cancel, resampled);
            report = ReportBuilder.Build("cross-validation (out-of-fold)", labelled, result.Clips, result.WindowLogProbabilities, options.Aggregation, fitTemperature: true) with
            {
                ChosenC = result.ChosenC.ToDictionary(kv => "fold " + kv.Key.ToString(CultureInfo.InvariantCulture), kv => kv.Value),
                Settings = setup.Describe(),
                Unknown = unknown,
                At44100Hz = result.AlsoWindowLogProbabilities is { } at44 ? ReportBuilder.ClipFigures(labelled, result.Clips, at44, options.Aggregation) : null,
            };
        }

        if (output is not null)
        {
            var all = Enumerable.Range(0, labelled.Count).ToArray();
            var choice = setup.CGrid.Count == 1 ? new CrossValidation.Choice(setup.CGrid[0], null, []) : CrossValidation.ChooseC(labelled, plan!, all, setup.Spec, options, setup.Weighting, setup.CGrid, cancel);
            var c = choice.C;
            var model = CrossValidation.Fit(labelled, all, setup.Spec, options with { C = c }, setup.Weighting, cancel, choice.Models);
            var temperature = report?.Temperature ?? TemperatureFromCrossValidation(labelled, plan, setup, options with { C = c }, choice.OutOfFold, cancel);
            model = model.WithTemperature((float)temperature).WithNovelty(finalDetector);
            var provenance = setup.Describe();
            provenance["c"] = c.ToString("R", CultureInfo.InvariantCulture);
            provenance["clips"] = labelled.Count.ToString(CultureInfo.InvariantCulture);
            provenance["temperature"] = temperature.ToString("0.000", CultureInfo.InvariantCulture);
            if (report is not null)
            {
                provenance["cvClipAccuracy"] = report.Clips.Accuracy.ToString("0.0000", CultureInfo.InvariantCulture);
                provenance["cvBalancedAccuracy"] = report.Clips.BalancedAccuracy.ToString("0.0000", CultureInfo.InvariantCulture);
                foreach (var (name, figures) in report.DataSets ?? [])
                {
                    provenance["cvClipAccuracy." + name] = figures.Accuracy.ToString("0.0000", CultureInfo.InvariantCulture);
                }

                if (report.CalibratedClipEce is { } ece)
                {
                    provenance["cvCalibratedClipEce"] = ece.ToString("0.0000", CultureInfo.InvariantCulture);
                }

                if (unknown is not null)
                {
                    provenance["cvUnknownMusicClips"] = unknown.MusicClips.ToString("0.0000", CultureInfo.InvariantCulture);
                }
            }

            var reportJson = report is null ? null : JsonSerializer.Serialize(report, ReportJsonContext.Default.TrainingReport);
            try
            {
                ModelFile.Save(model, output, provenance, TrainingSetHashes.Of(labelled.Clips));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"genre train: cannot write the model to {output}: {e.Message}");
                return new Result(TrainingOutcome.SetupFailed, null);
            }

            if (report is null)
            {
                var predictions = all.Select(i => LabelledFeatures.PredictWindows(model, labelled.Features[i])).ToArray();
                report = ReportBuilder.Build("training set (not held out: optimistic)", labelled, all, predictions, options.Aggregation) with
                {
                    ChosenC = new Dictionary<string, double> { ["all"] = c },
                    Settings = provenance,
                    Unknown = unknown,
                };
            }

            try
            {
                ModelFile.WriteAtomically(ReportPath(output), reportJson ?? JsonSerializer.Serialize(report, ReportJsonContext.Default.TrainingReport));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"genre train: wrote {output} but not its report {ReportPath(output)}: {e.Message}");
                return new Result(TrainingOutcome.SetupFailed, null);
            }

            error.WriteLine($"genre train: wrote {output} (C = {c.ToString("G3", CultureInfo.InvariantCulture)}) and {ReportPath(output)}");
        }

        return new Result(failed > 0 ? TrainingOutcome.SomeClipsUnreadable : TrainingOutcome.Done, report!);
    }

    /// <summary>Why <paramref name="genres"/> cannot train a classifier, or null when they can.</summary>
    private static string? TooFewGenres(string[] genres) => genres.Length switch
    {
        0 => "the data has no genre: a classifier needs clips of at least two genres",
        1 => $"the data has one genre ({genres[0]}): a classifier needs clips of at least two genres",
        _ => null,
    };

    private static UnknownFigures.Judged Judged(string name, (float[] Scores, float[] Margins) windows) => new(name, windows.Scores, windows.Margins);

    /// <summary>Out-of-fold judgements of the unknown detector, or null when the data allow no folds (the model then has no detector).</summary>
    private static NoveltyFit.OutOfFold? NoveltyOutOfFold(LabelledFeatures data, ref FoldPlan? plan, IReadOnlyList<(string Name, ClipFeatures Features)> synthesised, FeatureSpec spec, CancellationToken cancel)
    {
        try
        {
            plan ??= FoldPlan.Create(data.Clips);
        }
        catch (DataSetException)
        {
            return null;
        }

        return NoveltyFit.Measure(data, plan, synthesised, spec, cancel);
    }

    /// <summary>
    /// The calibration temperature for a final model trained without --cv: fitted on out-of-fold windows
    /// of one cross-validation at the chosen C, when the data allow folds; otherwise 1. Choosing C over
    /// every clip already fitted exactly those folds, so their windows are reused when given.
    /// </summary>
    private static double TemperatureFromCrossValidation(LabelledFeatures data, FoldPlan? plan, TrainingSetup setup, GenreStream.Model.Training.TrainingOptions options, CrossValidation.Result? outOfFold, CancellationToken cancel)
    {
        try
        {
            plan ??= FoldPlan.Create(data.Clips);
        }
        catch (DataSetException)
        {
            return 1;
        }

        var result = outOfFold ?? CrossValidation.Run(data, plan, setup.Spec, options, setup.Weighting, [options.C], NullProgress.Instance, cancel);
        var truth = result.Clips.SelectMany((i, n) => Enumerable.Repeat(data.LabelOf[i], result.WindowLogProbabilities[n].Length)).ToArray();
        return GenreStream.Model.Evaluation.TemperatureScaling.Fit(truth, result.WindowLogProbabilities.SelectMany(w => w).ToArray());
    }

    /// <summary>Why <paramref name="path"/> cannot take a model file, or null when it can (checked before hours of work).</summary>
    public static string? WhyNotWritable(string path)
    {
        if (Directory.Exists(path))
        {
            return "it is a folder; give a file name such as model.json";
        }

        try
        {
            // The folder must be there already: a mistyped path makes no folders.
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (!Directory.Exists(folder))
            {
                return $"the folder {folder} does not exist";
            }

            var probe = Path.Combine(folder, $".genre-write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return e.Message;
        }
    }

    /// <summary>The report path beside a model: <c>model.json</c> → <c>model.report.json</c>.</summary>
    public static string ReportPath(string modelPath) =>
        Path.Combine(Path.GetDirectoryName(modelPath) ?? string.Empty, Path.GetFileNameWithoutExtension(modelPath) + ".report.json");
}
