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

            TrainingRun.Result result;
            try
            {
                result = TrainingRun.Evaluate(loaded, modelPath, set, parse.GetValue(noCache) ? null : parse.GetValue(cache) ?? FeatureCache.DefaultRoot(), context.Progress(), context.Error, cancel);
            }
            catch (OperationCanceledException)
            {
                context.Error.WriteLine("genre evaluate: cancelled");
                return Task.FromResult(ExitCodes.Cancelled);
            }

            if (result.Report is not { } report)
            {
                return Task.FromResult(result.Outcome == TrainingOutcome.SetupFailed ? ExitCodes.SetupFailed : ExitCodes.InputFailed);
            }

            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(report, ReportJsonContext.Default.TrainingReport).ReplaceLineEndings(string.Empty));
            }
            else
            {
                context.Out.Write(report.ToText());
            }

            return Task.FromResult(result.Outcome == TrainingOutcome.Done ? ExitCodes.Success : ExitCodes.InputFailed);
        });
        return command;
    }
}
