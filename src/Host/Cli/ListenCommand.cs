using System.CommandLine;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using GenreStream.Host.Listen;
using GenreStream.Streaming;
using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Sources.Pulse;

namespace GenreStream.Host.Cli;

/// <summary><c>genre listen</c>: classify live audio, or a file or pipe as if it were live, printing events as they come.</summary>
internal static class ListenCommand
{
    /// <summary>Sample frames per block read from a file or pipe (about 46 ms at 22050 Hz, under one hop).</summary>
    private const int BlockFrames = 1024;

    /// <summary>
    /// Sample frames per block read from a live server: one server fragment (23 ms at 22050 Hz), since a
    /// window's event waits for the rest of the block that holds its last sample.
    /// </summary>
    private const int LiveBlockFrames = PulseCaptureReader.FragmentFrames;

    public static Command Create(CliContext context)
    {
        var source = new Option<string>("--source", "-s")
        {
            Description = "What to listen to: 'monitor' (default: what the computer is playing, the default output's monitor), 'mic' (the default input), a PulseAudio/PipeWire source name (see 'genre devices'), 'file:<path>' (a file played at real-time pace), or '-' (raw PCM on standard input; needs --format, --rate, --channels).",
            DefaultValueFactory = _ => "monitor",
        };
        var fast = new Option<bool>("--fast") { Description = "With file:<path>, read as fast as possible instead of at real-time pace." };
        var json = new Option<bool>("--json") { Description = "One JSON event per line: {\"type\":\"genre\",\"time\",\"genre\",\"confidence\",\"probabilities\",\"smoothed\",\"level\"} and {\"type\":\"source\",\"time\",\"state\",\"detail\"}." };
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Also measure the latency from each window's last sample entering the audio server (or being read, for files and pipes) to its event: per event ('latency_ms' in JSON) and a summary (median, p99, max) on standard error at the end.",
        };
        var server = new Option<string?>("--server") { Description = "PulseAudio/PipeWire server address for live sources (default: as libpulse finds it, e.g. $PULSE_SERVER or the user's session).", HelpName = "address" };
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds of audio.", HelpName = "seconds" };
        duration.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is { } d && !(d > 0))
            {
                r.AddError("--duration must be a positive number of seconds");
            }
        });
        var common = new CommonOptions();
        var command = new Command("listen", "Classify audio as it plays and print the smoothed genre at every step (about every 1.5 s).")
        {
            source, fast, json, duration, server, verbose,
        };
        common.AddTo(command);
        command.SetAction((parse, cancel) =>
        {
            var what = parse.GetValue(source)!;
            if (what == InputOpener.StandardInput && !common.HasRawFormat(parse))
            {
                context.Error.WriteLine("genre listen: --source - (raw PCM on standard input) needs --format s16le|f32le, --rate N and --channels N");
                return Task.FromResult(ExitCodes.Usage);
            }

            var setup = common.Resolve(parse, context);
            if (setup is null)
            {
                return Task.FromResult(ExitCodes.SetupFailed);
            }

            var settings = new Settings(what, parse.GetValue(fast), parse.GetValue(json), parse.GetValue(duration), parse.GetValue(server), parse.GetValue(verbose));
            return Task.FromResult(Run(settings, setup, context, cancel));
        });
        return command;
    }

    private static int Run(Settings settings, CommonOptions.Resolved setup, CliContext context, CancellationToken cancel)
    {
        var (what, seconds) = (settings.Source, settings.Duration);
        var events = new ListenEventWriter(context.Out, setup.Model.Labels, settings.Json);
        var (open, description) = LiveSources.Resolve(what, settings.Fast, settings.Server, setup, context);
        var live = LiveSources.IsLive(what);

        // A server or a paced file delivers samples at their rate; a fast file or a pipe whole blocks at once.
        var clock = settings.Verbose ? new CaptureClock(realTime: LiveSources.IsRealTime(what, settings.Fast)) : null;
        var latencies = new LatencyFigures();
        var limitReached = false;
        var started = false;
        IObservable<AudioBlock> audio;
        if (live)
        {
            // The capture thread reports its own states; the delivery side is limited by audio time.
            audio = LiveCapture.Read(
                open,
                s =>
                {
                    started |= s.State == "started";
                    SafeSource(events, s.AudioSeconds, s.State, s.State == "started" ? $"{description}, {s.Detail}" : s.Detail, s.DroppedFrames / (double)setup.Model.Spec.SampleRate);
                },
                LiveBlockFrames,
                clock: clock);
            if (seconds is { } s)
            {
                audio = audio.TakeWhile(b =>
                {
                    limitReached = b.StartSeconds >= s;
                    return !limitReached;
                });
            }
        }
        else
        {
            audio = SampleReaderObservable.Read(
                    () =>
                    {
                        var reader = open();
                        return seconds is { } s ? new LimitedSampleReader(reader, s) { OnLimit = () => limitReached = true } : reader;
                    },
                    BlockFrames,
                    NewThreadScheduler.Default)
                .Do(b =>
                {
                    clock?.MarkNow(b.StartSeconds + ((double)b.FrameCount / b.Format.SampleRate));
                    if (!started)
                    {
                        started = true;
                        events.Source(0, "started", description);
                    }
                });
        }

        Exception? error = null;
        var last = 0.0;
        using var done = new ManualResetEventSlim();
        using var subscription = audio
            .PredictSmoothed(setup.Model, TimeSpan.FromSeconds(setup.SmoothingSeconds))
            .Subscribe(
                p =>
                {
                    try
                    {
                        last = p.Raw.StartSeconds + p.Raw.DurationSeconds;
                        var latency = clock?.Age(last);
                        if (latency is { } l)
                        {
                            latencies.Add(l);
                        }

                        events.Genre(p, latency);
                    }
                    catch (IOException e)
                    {
                        // The reader of our output went away (a closed pipe): stop quietly.
                        error ??= e;
                        done.Set();
                    }
                },
                e =>
                {
                    error = e;
                    done.Set();
                },
                done.Set);

        WaitHandle.WaitAny([done.WaitHandle, cancel.WaitHandle]);
        try
        {
            return Finish(what, live, started, limitReached, last, error, events, context, cancel);
        }
        finally
        {
            if (settings.Verbose && latencies.Summary() is { } summary)
            {
                context.Error.WriteLine($"genre listen: {summary}");
            }
        }
    }

    private static int Finish(string what, bool live, bool started, bool limitReached, double last, Exception? error, ListenEventWriter events, CliContext context, CancellationToken cancel)
    {
        if (cancel.IsCancellationRequested)
        {
            SafeSource(events, last, "ended", "interrupted");
            return ExitCodes.Cancelled;
        }

        switch (error)
        {
            case null:
                if (!live || limitReached)
                {
                    SafeSource(events, last, "ended", limitReached ? "duration reached" : "end of input");
                }

                return ExitCodes.Success;
            case IOException when !started:
            case AudioFormatException:
                context.Error.WriteLine($"genre listen: {what}: {error.Message.ReplaceLineEndings(" ")}");
                SafeSource(events, last, "ended", error.Message.ReplaceLineEndings(" "));
                return ExitCodes.InputFailed;
            case IOException:
                return ExitCodes.Success;
            default:
                if (LiveSources.IsServerUnavailable(error))
                {
                    context.Error.WriteLine($"genre listen: {error.Message.ReplaceLineEndings(" ")}");
                    return ExitCodes.NoAudioServer;
                }

                context.Error.WriteLine($"genre listen: {what}: {error.Message.ReplaceLineEndings(" ")}");
                return ExitCodes.InputFailed;
        }
    }

    private sealed record Settings(string Source, bool Fast, bool Json, double? Duration, string? Server, bool Verbose);

    private static void SafeSource(ListenEventWriter events, double time, string state, string detail, double droppedSeconds = 0)
    {
        try
        {
            events.Source(time, state, detail, droppedSeconds);
        }
        catch (IOException)
        {
            // Nobody is reading any more.
        }
    }
}
