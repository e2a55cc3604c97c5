using System.CommandLine;
using System.Text.Json;
using GenreStream.Host.Training;

namespace GenreStream.Host.Cli;

/// <summary><c>genre train</c>: fit a model on labelled audio, optionally cross-validated, and report.</summary>
internal static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var data = new TrainingOptionsCli();
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the model (JSON); the report goes beside it as <name>.report.json. Required unless --cv.", HelpName = "model.json" };
        var cv = new Option<bool>("--cv") { Description = "Cross-validate over the data's 'fold' column (groups, such as artists, are never split; a clip without a fold joins its group's fold, other groups are dealt out whole) and report out-of-fold figures per data set and genre. Without folds, 5 folds are made of whole groups." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON on standard output instead of text." };
        var command = new Command("train", "Train a genre model on labelled audio: a folder laid out <genre>/<file>, or a TSV with path and genre columns (optional fold, group).")
        {
            output, cv, json,
        };
        data.AddTo(command);
        command.SetAction((parse, cancel) =>
        {
            try
            {
                return Task.FromResult(Run(parse, data, parse.GetValue(output), parse.GetValue(cv), parse.GetValue(json), context, cancel));
            }
            catch (OperationCanceledException)
            {
                context.Error.WriteLine("genre train: cancelled; nothing was written");
                return Task.FromResult(ExitCodes.Cancelled);
            }
        });
        return command;
    }

    private static int Run(ParseResult parse, TrainingOptionsCli cli, string? output, bool crossValidate, bool json, CliContext context, CancellationToken cancel)
    {
        if (output is null && !crossValidate)
        {
            context.Error.WriteLine("genre train: give --out <model.json> to write a model, or --cv to cross-validate (or both)");
            return ExitCodes.Usage;
        }

        if (output is not null && TrainingRun.WhyNotWritable(output) is { } reason)
        {
            context.Error.WriteLine($"genre train: cannot write the model to {output}: {reason}");
            return ExitCodes.SetupFailed;
        }

        var setup = cli.Resolve(parse, context);
        if (setup is null)
        {
            return ExitCodes.SetupFailed;
        }

        var result = TrainingRun.Train(setup, output, crossValidate, context.Error, cancel);
        if (result.Report is not { } report)
        {
            return result.Outcome == TrainingOutcome.SetupFailed ? ExitCodes.SetupFailed : ExitCodes.InputFailed;
        }

        if (json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(report, ReportJsonContext.Default.TrainingReport).ReplaceLineEndings(string.Empty));
        }
        else
        {
            context.Out.Write(report.ToText());
        }

        return result.Outcome == TrainingOutcome.Done ? ExitCodes.Success : ExitCodes.InputFailed;
    }
}
