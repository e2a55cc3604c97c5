using System.CommandLine;
using GenreStream.Host.Listen;
using GenreStream.Host.Listen.View;
using GenreStream.Host.Live;
using GenreStream.Host.Outputs;
using GenreStream.Streaming.Sources;

namespace GenreStream.Host.Cli;

/// <summary><c>genre listen</c>: classify live audio, or a file or pipe as if it were live, showing or printing events as they come.</summary>
internal static class ListenCommand
{
    public static Command Create(CliContext context)
    {
        var source = SourceOption.Create(
            "What to listen to: 'monitor' (default: what the computer is playing, the default output's monitor), 'mic' (the default input), a PulseAudio/PipeWire source or, on Windows, a WASAPI endpoint name (see 'genre devices'), 'app:<name or pid>' (one application's audio, Windows 10 2004 or later), 'file:<path>' (a file played at real-time pace), or '-' (raw PCM on standard input; needs --format, --rate, --channels). Default: Listen:Source in settings, else monitor.");
        var fast = new Option<bool>("--fast") { Description = "With file:<path>, read as fast as possible instead of at real-time pace." };
        var json = new Option<bool>("--json") { Description = "One JSON event per line (also the default when standard output is not a terminal), each with type, schema_version, timestamp (UTC) and time: {\"type\":\"genre\",\"genre\" (the settled genre),\"confidence\",\"top\" (top smoothed),\"top_confidence\",\"current\",\"current_confidence\",\"silent\",\"status\",\"probabilities\",\"smoothed\",\"level\"}, {\"type\":\"change\",\"from\",\"to\",\"confidence\"}, {\"type\":\"silence\",\"state\",\"level\"} and {\"type\":\"source\",\"state\",\"detail\",\"dropped\"}; 'genre schema' prints their JSON Schema." };
        var plain = new Option<bool>("--plain") { Description = "One short line of text per event instead of the live view or JSON." };
        var server = new Option<string?>("--server") { Description = "PulseAudio/PipeWire server address for live sources (default: as libpulse finds it, e.g. $PULSE_SERVER or the user's session).", HelpName = "address" };
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Also measure the latency from each window's last sample entering the audio server (or being read, for files and pipes) to its event: per event ('latency_ms' in JSON) and a summary (median, p99, max) on standard error at the end.",
        };
        var notify = new Option<bool>("--notify") { Description = "Show a desktop notification when the genre changes: one notification, replaced in place (D-Bus org.freedesktop.Notifications on the session bus)." };
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds of audio.", HelpName = "seconds" };
        duration.Check(d => d > 0 && double.IsFinite(d), "--duration must be a positive number of seconds");
        var common = new CommonOptions();
        var tracking = new TrackingOptionsCli();
        var display = new DisplayOptionsCli();
        var outputs = new OutputOptionsCli();
        var command = new Command("listen", "Classify audio as it plays: a live view on a terminal, else one JSON event per line at every step (about every 1.5 s).")
        {
            source, fast, json, plain, duration, server, verbose, notify,
        };
        common.AddTo(command);
        tracking.AddTo(command);
        display.AddTo(command);
        outputs.AddTo(command);
        command.Validators.Add(r =>
        {
            if (r.GetValue(json) && r.GetValue(plain))
            {
                r.AddError("--json and --plain cannot be used together");
            }
        });
        command.SetAction((parse, cancel) =>
        {
            var what = parse.GetValue(source);
            if (what?.Kind == SourceKind.StandardInput && !common.HasRawFormat(parse))
            {
                context.Error.WriteLine("genre listen: --source - (raw PCM on standard input) needs --format s16le|f32le, --rate N and --channels N");
                return Task.FromResult(ExitCodes.Usage);
            }

            var setup = common.Resolve(parse, context);
            if (setup is null)
            {
                return Task.FromResult(ExitCodes.SetupFailed);
            }

            setup = setup with { Tracking = tracking.Apply(parse, setup.Tracking) };
            var destinations = outputs.Apply(parse, setup.Settings.Outputs);
            var problems = OutputFactory.Validate(destinations);
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    context.Error.WriteLine($"genre listen: {problem}");
                }

                return Task.FromResult(ExitCodes.Usage);
            }

            var options = new LiveSourceOptions(what ?? setup.Settings.Source, parse.GetValue(fast), parse.GetValue(duration), parse.GetValue(server), parse.GetValue(verbose));
            var output = parse.GetValue(json) ? ListenOutput.Json
                : parse.GetValue(plain) ? ListenOutput.Plain
                : context.OutIsTerminal ? ListenOutput.LiveView
                : ListenOutput.Json;
            return Task.FromResult(Run(options, output, display.Resolve(parse), destinations, setup, context, cancel, parse.GetValue(notify)));
        });
        return command;
    }

    private static int Run(LiveSourceOptions options, ListenOutput output, DisplayOptions view, OutputOptions destinations, CommonOptions.Resolved setup, CliContext context, CancellationToken cancel, bool notify = false)
    {
        using var notifier = notify ? new Notifications.DesktopNotifier(message => context.Error.WriteLine($"genre listen: {message}")) : null;
        using var systemd = Notifications.SystemdStatus.FromEnvironment(TimeProvider.System);
        var latencies = options.Verbose ? new LatencyFigures() : null;
        using var done = new ManualResetEventSlim();
        EventOutput? faulted = null;
        using var outputs = destinations.IsEmpty
            ? EventOutputs.None
            : OutputFactory.Start(
                destinations,
                () => new StandardOutputStream(),
                message => context.Error.WriteLine($"genre listen: {message}"),
                output =>
                {
                    // An output that cannot be written ends the run: its events would all be lost.
                    Interlocked.CompareExchange(ref faulted, output, null);
                    done.Set();
                },
                setup.Model.Labels);
        using IListenSink sink = output switch
        {
            ListenOutput.LiveView => LiveView.OnConsole(context.Out, setup.Model.Labels, options.Source.ToString(), view),
            _ => new LineSink(context.Out, output == ListenOutput.Json),
        };

        Exception? error = null;
        Exception? outputError = null;
        using (LiveSession.Run(options, setup.Live(context), latencies).Subscribe(
            e =>
            {
                if (outputError is not null)
                {
                    return;
                }

                outputs.Post(e);
                notifier?.OnEvent(e);
                systemd.OnEvent(e);
                try
                {
                    sink.Write(e);
                }
                catch (Exception ex) when (WriteFailure.Is(ex))
                {
                    // Standard output went away (a closed pipe) or refuses the bytes (a full disk, a closed descriptor): stop.
                    outputError = ex;
                    done.Set();
                }
            },
            e =>
            {
                error = e;
                done.Set();
            },
            done.Set))
        {
            WaitHandle.WaitAny([done.WaitHandle, cancel.WaitHandle]);
        }

        if (cancel.IsCancellationRequested && outputError is null)
        {
            var interrupted = new SourceChanged(sink.LastTime, SourceState.Ended, "interrupted") { Timestamp = TimeProvider.System.GetUtcNow() };
            outputs.Post(interrupted);
            Write(sink, interrupted);
        }

        // Let every output send what it still holds (each for a few seconds at most).
        outputs.Complete(TimeSpan.FromSeconds(3));

        // Restore the terminal first, so that the messages below land on the normal screen.
        sink.Finish();
        if (latencies?.Summary() is { } summary)
        {
            context.Error.WriteLine($"genre listen: {summary}");
        }

        foreach (var line in OutputFactory.Summaries(outputs).Where((_, i) => outputs.All[i].Fault is null && (options.Verbose || outputs.All[i].Dropped + outputs.All[i].Failed > 0)))
        {
            context.Error.WriteLine($"genre listen: {line}");
        }

        if (outputError is not null)
        {
            return GenreCli.OutputFailed(context, "listen", outputError as StandardOutputException ?? new StandardOutputException(outputError));
        }

        if (faulted is { } failed)
        {
            context.Error.WriteLine($"genre listen: cannot write to {failed.Name}: {failed.Fault} ({failed.Failed} event{(failed.Failed == 1 ? string.Empty : "s")} not delivered)");
            return ExitCodes.OutputFailed;
        }

        if (cancel.IsCancellationRequested)
        {
            return ExitCodes.Cancelled;
        }

        if (error is null)
        {
            return ExitCodes.Success;
        }

        var message = error.Message.ReplaceLineEndings(" ");
        if (LiveSources.IsServerUnavailable(error))
        {
            context.Error.WriteLine($"genre listen: {message}");
            return ExitCodes.NoAudioServer;
        }

        context.Error.WriteLine($"genre listen: {options.Source}: {message}");
        return ExitCodes.InputFailed;
    }

    private static void Write(IListenSink sink, LiveEvent e)
    {
        try
        {
            sink.Write(e);
        }
        catch (Exception ex) when (WriteFailure.Is(ex))
        {
            // Nobody is reading any more.
        }
    }
}
