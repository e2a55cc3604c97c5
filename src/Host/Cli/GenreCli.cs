using System.CommandLine;
using GenreStream.Host.Outputs;

namespace GenreStream.Host.Cli;

/// <summary>The <c>genre</c> command line: parses arguments and dispatches to a command.</summary>
internal static class GenreCli
{
    public static int Run(string[] args) => Run(args, CliContext.FromConsole(), handleSignals: true);

    /// <summary>Runs the command line against <paramref name="context"/> (tests pass their own writers).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="context">Where the command reads and writes.</param>
    /// <param name="handleSignals">Whether Ctrl+C and SIGTERM stop a command that can stop cleanly (the real program only).</param>
    public static int Run(string[] args, CliContext context, bool handleSignals = false)
    {
        if (LiveProgram.IsLive && args.Length > 0 && LiveProgram.FullCommands.Contains(args[0]))
        {
            context.Error.WriteLine(LiveProgram.NotHere(args[0]));
            return ExitCodes.Usage;
        }

        var root = new RootCommand(
            "genre: real-time music-genre classification (blues, classical, country, disco, hiphop, jazz, metal, pop, reggae, rock).\n" +
            (LiveProgram.IsLive ? $"This is {LiveProgram.FileName}, the live program, with only the live commands; {string.Join(", ", LiveProgram.FullCommands)} are in genre.\n" : "") +
            "Exit codes: 0 success, 1 model, settings or data set could not be loaded, 2 usage error, 3 some input could not be read, 4 no PulseAudio/PipeWire server for live capture, 5 output could not be written, 130 interrupted, 141 standard output's reader went away.");

        // The library, training and cluster commands are compiled out of the live program (LiveProgram.IsLive is a
        // constant to the native compiler there); help lists the commands in this order.
        if (!LiveProgram.IsLive)
        {
            root.Add(ClassifyCommand.Create(context));
            root.Add(TrainCommand.Create(context));
            root.Add(EvaluateCommand.Create(context));
        }

        root.Add(ListenCommand.Create(context));
        root.Add(DevicesCommand.Create(context));
        root.Add(ServeCommand.Create(context));
        root.Add(TrayCommand.Create(context));
        if (!LiveProgram.IsLive)
        {
            root.Add(BenchCommand.Create(context));
        }

        root.Add(SchemaCommand.Create(context));
        if (!LiveProgram.IsLive)
        {
            root.Add(WorkerCommand.Create(context));
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                var option = error.SymbolResult switch
                {
                    System.CommandLine.Parsing.OptionResult o => o.Option.Name,
                    System.CommandLine.Parsing.ArgumentResult { Parent: System.CommandLine.Parsing.OptionResult o } => o.Option.Name,
                    _ => null,
                };
                var message = string.Join(' ', error.Message.Split(['\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                context.Error.WriteLine(option is null || message.Contains(option, StringComparison.Ordinal) ? $"genre: {message}" : $"genre: {option}: {message}");
            }

            context.Error.WriteLine("Run 'genre --help' for usage.");
            return ExitCodes.Usage;
        }

        // System.CommandLine's own signal handling is off: it threw on a second Ctrl+C (Interruption).
        // A command without a cancellation token (classify, bench, devices) keeps the default: Ctrl+C ends it.
        // Its exception handler is off too: an unwritable standard output is ours to report (OutputFailed).
        var configuration = new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        try
        {
            if (!handleSignals || parse.Action is not System.CommandLine.Invocation.AsynchronousCommandLineAction)
            {
                return parse.Invoke(configuration);
            }

            using var interruption = new Interruption(Environment.Exit);
            return parse.InvokeAsync(configuration, interruption.Token).GetAwaiter().GetResult();
        }
        catch (StandardOutputException e)
        {
            return OutputFailed(context, parse.CommandResult.Command.Name, e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // What System.CommandLine's default handler does (its handler would also take the exception above).
            if (e is not OperationCanceledException)
            {
                context.Error.WriteLine($"Unhandled exception: {e}");
            }

            return 1;
        }
    }

    /// <summary>
    /// Standard output cannot be written: one line and <see cref="ExitCodes.OutputFailed"/>, or, when its reader
    /// went away (<c>| head</c>), nothing and <see cref="ExitCodes.BrokenPipe"/>, as other filters end.
    /// </summary>
    public static int OutputFailed(CliContext context, string command, StandardOutputException e)
    {
        if (e.IsBrokenPipe)
        {
            return ExitCodes.BrokenPipe;
        }

        context.Error.WriteLine($"genre {command}: {e.Message}");
        return ExitCodes.OutputFailed;
    }
}
