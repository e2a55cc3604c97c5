using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using GenreStream.Streaming;
using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Sources.Pulse;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Live;

/// <summary>
/// One run of the live pipeline: a source (device, file or pipe) through the model and the tracker to
/// <see cref="LiveEvent"/>s. The source's states arrive as <see cref="SourceChanged"/> (started, lost,
/// recovered, ended); a source that cannot be opened or fails ends the stream with <c>OnError</c> (after an
/// <c>ended</c> event if it had started). Events are serialised: never two <c>OnNext</c> calls at once.
/// </summary>
internal static class LiveSession
{
    /// <summary>Sample frames per block read from a file or pipe (about 46 ms at 22050 Hz, under one hop).</summary>
    private const int BlockFrames = 1024;

    /// <summary>
    /// Sample frames per block read from a live server: one server fragment (93 ms at 22050 Hz), since a
    /// window's event waits for the rest of the block that holds its last sample.
    /// </summary>
    private const int LiveBlockFrames = PulseCaptureReader.FragmentFrames;

    /// <summary>Blocks the live hand-off holds before dropping the oldest: about 1.5 s, one window hop.</summary>
    private const int LiveCapacityBlocks = 16;

    /// <param name="source">What to listen to.</param>
    /// <param name="setup">Model, tracking options, raw-input format and where standard input comes from.</param>
    /// <param name="latencies">With <see cref="LiveSourceOptions.Verbose"/>: collects every window's latency.</param>
    public static IObservable<LiveEvent> Run(LiveSourceOptions source, LiveSetup setup, LatencyFigures? latencies = null) =>
        Observable.Create<LiveEvent>(observer =>
        {
            var serialised = Observer.Synchronize(observer);
            var clock = setup.Clock ?? TimeProvider.System;
            var events = Observer.Create<LiveEvent>(e => serialised.OnNext(e with { Timestamp = clock.GetUtcNow() }), serialised.OnError, serialised.OnCompleted);
            var model = setup.Model;
            var labels = model.Labels;
            var rate = (double)model.Spec.SampleRate;
            var what = source.Source;
            // A named pipe with no writer would hold the reading thread in open() after this run is given up.
            var pipe = new NamedPipeOpening();
            // A stream's decoder waiting on the network would hold the reading thread (and the process at exit) likewise.
            var giveUp = new CancellationDisposable();
            var (open, description) = LiveSources.Resolve(what, source.Fast, source.Server, setup, pipe, giveUp.Token);
            var live = what.IsDevice;

            // A server or a paced file delivers samples at their rate; a fast file or a pipe whole blocks at once.
            var capture = source.Verbose ? new CaptureClock(realTime: LiveSources.IsRealTime(what, source.Fast)) : null;
            var limitReached = false;
            var started = false;
            var last = 0.0;
            IObservable<AudioBlock> audio;
            if (live)
            {
                audio = LiveCapture.Read(
                    open,
                    s =>
                    {
                        if (s.State == SourceState.Ended)
                        {
                            return; // reported below, once the last window is out
                        }

                        started |= s.State == SourceState.Started;
                        events.OnNext(new SourceChanged(s.AudioSeconds, s.State, s.State == SourceState.Started ? $"{description}, {s.Detail}" : s.Detail, s.DroppedFrames / rate));
                    },
                    LiveBlockFrames,
                    LiveCapacityBlocks,
                    clock: capture);
                if (source.Duration is { } seconds)
                {
                    audio = audio.TakeWhile(b =>
                    {
                        limitReached = b.StartSeconds >= seconds;
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
                            return source.Duration is { } s ? new LimitedSampleReader(reader, s) { OnLimit = () => limitReached = true } : reader;
                        },
                        BlockFrames,
                        NewThreadScheduler.Default)
                    .Do(b =>
                    {
                        capture?.MarkNow(b.StartSeconds + ((double)b.FrameCount / b.Format.SampleRate));
                        if (!started)
                        {
                            started = true;
                            events.OnNext(new SourceChanged(0, SourceState.Started, description));
                        }
                    });
            }

            var run = audio.PredictTracked(model, setup.Tracking).Subscribe(
                t =>
                {
                    var time = t.TimeSeconds;
                    last = time;
                    if (t.SilenceChanged)
                    {
                        events.OnNext(new SilenceChanged(time, t.Silent, t.Prediction.Raw.LevelDecibels));
                    }

                    if (t.Change is { } change)
                    {
                        events.OnNext(new GenreChanged(time, change.From >= 0 ? labels[change.From] : null, labels[change.To], change.Confidence));
                    }

                    var latency = capture?.Age(time);
                    if (latency is { } l)
                    {
                        latencies?.Add(l);
                    }

                    events.OnNext(Update(t, labels, latency));
                },
                e =>
                {
                    if (started)
                    {
                        events.OnNext(new SourceChanged(last, SourceState.Ended, e.Message.ReplaceLineEndings(" ")));
                    }

                    events.OnError(e);
                },
                () =>
                {
                    events.OnNext(new SourceChanged(last, SourceState.Ended, limitReached ? "duration reached" : "end of input"));
                    events.OnCompleted();
                });
            return new CompositeDisposable(run, pipe, giveUp);
        });

    private static GenreUpdate Update(in TrackedPrediction t, IReadOnlyList<string> labels, TimeSpan? latency)
    {
        var smoothed = t.Prediction.Smoothed.ToArray();
        var top = t.Top;

        return new GenreUpdate(
            t.TimeSeconds,
            labels,
            labels[top],
            smoothed[top],
            t.Current >= 0 ? labels[t.Current] : null,
            t.Confidence,
            t.Silent,
            t.Prediction.Raw.Probabilities.ToArray(),
            smoothed,
            t.Prediction.Raw.LevelDecibels,
            latency?.TotalMilliseconds,
            t.Status);
    }
}
