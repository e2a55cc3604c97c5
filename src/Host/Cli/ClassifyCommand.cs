using System.CommandLine;
using GenreStream.Model.Softmax;
using GenreStream.Streaming.Classification;
using GenreStream.Streaming.Sources;

namespace GenreStream.Host.Cli;

/// <summary><c>genre classify</c>: the genre of each file, with all probabilities.</summary>
internal static class ClassifyCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Audio files to classify: WAV, AU, or anything ffmpeg decodes (flac, ogg, mp3, m4a...). '-' reads raw PCM from standard input (needs --format, --rate, --channels).",
            Arity = ArgumentArity.OneOrMore,
        };
        inputs.Validators.Add(r =>
        {
            foreach (var token in r.Tokens)
            {
                if (token.Value.StartsWith('-') && token.Value != InputOpener.StandardInput)
                {
                    r.AddError($"unknown option '{token.Value}' (a file whose name starts with '-' can be given as ./{token.Value})");
                }
            }
        });
        var json = new Option<bool>("--json") { Description = "Print one JSON object per input per line: {\"file\",\"genre\",\"probabilities\",\"windows\"} (plus \"timeline\" with --timeline)." };
        var timeline = new Option<bool>("--timeline") { Description = "Also print every classification step: its start time in seconds, the smoothed probabilities, the current genre and the status, decided as listen decides them." };
        var common = new CommonOptions();
        var command = new Command("classify", "Print the most likely genre of each input and the probabilities of all genres.")
        {
            inputs, json, timeline,
        };
        common.AddTo(command);
        command.SetAction(parse =>
        {
            var files = parse.GetValue(inputs)!;
            if (files.Count(f => f == InputOpener.StandardInput) > 1)
            {
                context.Error.WriteLine("genre classify: standard input ('-') can be given only once");
                return ExitCodes.Usage;
            }

            if (files.Contains(InputOpener.StandardInput) && !common.HasRawFormat(parse))
            {
                context.Error.WriteLine("genre classify: reading '-' (raw PCM on standard input) needs --format s16le|f32le, --rate N and --channels N");
                return ExitCodes.Usage;
            }

            var setup = common.Resolve(parse, context);
            if (setup is null)
            {
                return ExitCodes.SetupFailed;
            }

            return Run(files, setup, parse.GetValue(json), parse.GetValue(timeline), context);
        });
        return command;
    }

    private static int Run(string[] files, CommonOptions.Resolved setup, bool json, bool withTimeline, CliContext context)
    {
        var failed = 0;

        // Files are classified in parallel (one pipeline per file) and printed in the order given.
        var results = new Task<ClipResult>[files.Length];
        using var slots = new SemaphoreSlim(Environment.ProcessorCount);
        for (var i = 0; i < files.Length; i++)
        {
            var file = files[i];
            var open = InputOpener.For(file, setup.Raw, context);
            results[i] = Task.Run(async () =>
            {
                await slots.WaitAsync().ConfigureAwait(false);
                try
                {
                    return ClipClassifier.Classify(SampleReaderObservable.Read(open), setup.Model, setup.Tracking, withTimeline);
                }
                finally
                {
                    slots.Release();
                }
            });
        }

        for (var i = 0; i < files.Length; i++)
        {
            ClipResult result;
            try
            {
                result = results[i].GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Any failure of one input is that input's line; the others are still printed.
                failed++;
                context.Error.WriteLine($"genre classify: {files[i]}: {Problem(files[i], e.Message)}");
                continue;
            }

            // Outside the input's try: standard output that cannot be written is not the input's fault (GenreCli says so).
            if (json)
            {
                ClassifyOutput.WriteJson(context.Out, files[i], result, withTimeline);
            }
            else
            {
                ClassifyOutput.WriteText(context.Out, files[i], result, withTimeline);
            }

            context.Out.Flush();
        }

        return failed == 0 ? ExitCodes.Success : ExitCodes.InputFailed;
    }

    /// <summary>The problem on one line, without the file name when the message already starts with it (readers name their file).</summary>
    private static string Problem(string file, string message)
    {
        var line = message.ReplaceLineEndings(" ");
        return line.StartsWith($"{file}: ", StringComparison.Ordinal) ? line[(file.Length + 2)..] : line;
    }
}
