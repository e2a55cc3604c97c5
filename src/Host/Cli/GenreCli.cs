using System.CommandLine;

namespace GenreStream.Host.Cli;

/// <summary>The <c>genre</c> command line: parses arguments and dispatches to a command.</summary>
internal static class GenreCli
{
    public static int Run(string[] args) => Run(args, CliContext.FromConsole());

    /// <summary>Runs the command line against <paramref name="context"/> (tests pass their own writers).</summary>
    public static int Run(string[] args, CliContext context)
    {
        var root = new RootCommand(
            "genre: real-time music-genre classification (blues, classical, country, disco, hiphop, jazz, metal, pop, reggae, rock).\n" +
            "Exit codes: 0 success, 1 model, settings or data set could not be loaded, 2 usage error, 3 some input could not be read.")
        {
            ClassifyCommand.Create(context),
            TrainCommand.Create(context),
            EvaluateCommand.Create(context),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                context.Error.WriteLine($"genre: {error.Message}");
            }

            context.Error.WriteLine("Run 'genre --help' for usage.");
            return ExitCodes.Usage;
        }

        return parse.Invoke(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = true });
    }
}
