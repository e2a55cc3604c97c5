using System.CommandLine;
using GenreStream.Host.Library;
using GenreStream.Streaming.Sources;

namespace GenreStream.Host.Cli;

/// <summary><c>genre classify</c>: the genre of each file, with all probabilities.</summary>
internal static class ClassifyCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Audio files or folders to classify: WAV, AU, or anything ffmpeg decodes (flac, ogg, mp3, m4a...). A folder means every audio file below it (judged by content, not only by name), in sorted order. '-' reads raw PCM from standard input (needs --format, --rate, --channels).",
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
        var jobs = new Option<int?>("--jobs", "-j") { Description = $"Files classified at once (default: the number of processors, {Environment.ProcessorCount} here). The output keeps the order of the inputs.", HelpName = "n" };
        jobs.Check(n => n is >= 1 and <= 1024, "--jobs must be from 1 to 1024");
        var resume = new Option<bool>("--resume") { Description = $"Skip files classified by an earlier run with the same model and settings (and unchanged since: same size and modification time); their results are printed as before. Results are kept in {ResultStore.DefaultFileName} in the folder given (or the current folder), or in --results." };
        var results = new Option<string?>("--results") { Description = "The results file (SQLite) that --resume reads and every run with it writes; implies --resume.", HelpName = "file" };
        var writeTags = new Option<bool>("--write-tags") { Description = "Write each file's genre into its own tags (ID3, Vorbis comments, MP4, FLAC, WAV). Without --yes only lists the changes (on standard error); a file is written as a copy beside it and then renamed over it, so a failed write never leaves it half-written. Only music is tagged (not unknown or silence)." };
        var yes = new Option<bool>("--yes", "-y") { Description = "With --write-tags: write the tags, rather than only listing the changes." };
        var nats = new Option<string?>("--nats") { Description = "Classify on the workers of a NATS JetStream server (nats://host:port; see 'genre worker'): the files are sent as jobs (their paths must be readable by the workers: shared storage), the results printed here as a local run prints them.", HelpName = "url" };
        var common = new CommonOptions();
        var command = new Command("classify", "Print the most likely genre of each input and the probabilities of all genres.")
        {
            inputs, json, timeline, jobs, resume, results, writeTags, yes, nats,
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

            var natsUrl = parse.GetValue(nats);
            var resumeResults = parse.GetValue(resume) || parse.GetValue(results) is not null;
            if (parse.GetValue(yes) && !parse.GetValue(writeTags))
            {
                context.Error.WriteLine("genre classify: --yes only goes with --write-tags (it confirms writing the tags)");
                return ExitCodes.Usage;
            }

            if (natsUrl is not null && (resumeResults || parse.GetValue(jobs) is not null || files.Contains(InputOpener.StandardInput)))
            {
                context.Error.WriteLine("genre classify: --nats runs the files on the cluster's workers: it does not go with --resume, --results, --jobs or '-'");
                return ExitCodes.Usage;
            }

            if (natsUrl is not null)
            {
                try
                {
                    Cluster.NatsAddress.Parse(natsUrl);
                }
                catch (Cluster.ClusterException e)
                {
                    context.Error.WriteLine($"genre classify: {e.Message}");
                    return ExitCodes.Usage;
                }
            }

            var setup = common.Resolve(parse, context);
            if (setup is null)
            {
                return ExitCodes.SetupFailed;
            }

            var options = new ClassifyRunOptions(
                parse.GetValue(json),
                parse.GetValue(timeline),
                parse.GetValue(jobs) ?? Environment.ProcessorCount,
                resumeResults ? parse.GetValue(results) ?? DefaultResultsPath(files) : null,
                parse.GetValue(writeTags),
                parse.GetValue(yes),
                natsUrl);
            return ClassifyRun.Run(files, setup, options, context);
        });
        return command;
    }

    /// <summary>Where --resume keeps results: in the one folder given, else in the current folder.</summary>
    private static string DefaultResultsPath(string[] inputs)
    {
        var folders = inputs.Where(Directory.Exists).Distinct().ToArray();
        return Path.Combine(folders.Length == 1 && folders.Length == inputs.Length ? folders[0] : ".", ResultStore.DefaultFileName);
    }

    /// <summary>The problem on one line, without the file name when the message already starts with it (readers name their file).</summary>
    internal static string Problem(string file, string message)
    {
        var line = message.ReplaceLineEndings(" ");
        return line.StartsWith($"{file}: ", StringComparison.Ordinal) ? line[(file.Length + 2)..] : line;
    }
}
