using GenreStream.Host.Live;
using GenreStream.Streaming.Sources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GenreStream.Host.Serve;

/// <summary>
/// Runs one stream's live pipeline for as long as the service runs: the stream's current source through the model
/// to the hub, every event marked with the stream's name. A switch of source or tracking options starts a new run at
/// once; a source that cannot be opened or fails (no audio server yet, a missing file, an unknown device, an
/// unreachable URL) is <c>lost</c> with its reason and retried after 1 s, then 2, 4… up to a minute, logged once per
/// change of error; an http(s) stream that ends is retried the same way (a live stream has no end); a file that ends
/// leaves the stream idle until the next switch. Each stream runs on threads of its own, so one that fails or stalls
/// never holds up another.
/// </summary>
/// <param name="hub">The service's state; the stream's source comes from it and its events go to it.</param>
/// <param name="stream">The stream's name in the hub.</param>
/// <param name="setup">Model and raw-input format.</param>
/// <param name="server">PulseAudio/PipeWire server for live sources, or null for the default.</param>
/// <param name="time">Waits between retries and stamps <c>lost</c> events.</param>
/// <param name="logger">Where starts, ends and failures are logged.</param>
/// <param name="outputs">Where the stream's events also go: the service's shared outputs and the stream's own (its MQTT device, its OSC addresses).</param>
/// <param name="notifier">Desktop notifications (given to the first stream only).</param>
/// <param name="systemd">systemd status (given to the first stream only).</param>
internal sealed partial class ListenerService(LiveHub hub, string stream, LiveSetup setup, string? server, TimeProvider time, ILogger<ListenerService> logger, Notifications.DesktopNotifier? notifier = null, IReadOnlyList<Outputs.EventOutputs>? outputs = null, Notifications.SystemdStatus? systemd = null) : BackgroundService
{
    /// <summary>Wait before the first retry of a source that failed; each further failure doubles it.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between retries of a failing source.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>The wait after the <paramref name="failures"/>th failure in a row (1, 2, 4… s, at most a minute).</summary>
    public static TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks << Math.Clamp(failures - 1, 0, 16)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        SourceSpec? failing = null;
        string? problem = null;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var (source, tracking, changed) = hub.CurrentRun(stream);
            var plain = ServeLog.Clip(source.Shown);
            var shown = Named(plain);
            if (hub.Paused)
            {
                // Paused (from the tray): no source open until resumed or switched.
                LogPaused(shown);
                using var resumed = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, changed);
                await WaitQuietly(Timeout.InfiniteTimeSpan, resumed.Token).ConfigureAwait(false);
                failing = null;
                continue;
            }

            if (source != failing || hub.FailuresOf(stream) == 0)
            {
                // A new source, or the same one chosen again: a fresh start.
                failing = null;
                problem = null;
                failures = 0;
                LogStarting(shown);
            }

            using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, changed);
            var ended = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var started = false;
            var options = new LiveSourceOptions(source, Server: server);
            IDisposable? run = null;
            try
            {
                run = LiveSession.Run(options, setup with { Tracking = tracking }).Subscribe(
                    e =>
                    {
                        started |= e is SourceChanged { State: SourceState.Started or SourceState.Recovered };
                        e = e with { Stream = stream };
                        foreach (var output in outputs ?? [])
                        {
                            output.Post(e);
                        }

                        hub.Publish(e);
                        notifier?.OnEvent(e);
                        systemd?.OnEvent(e);
                    },
                    e => ended.TrySetResult(e),
                    () => ended.TrySetResult(null));
                await Task.WhenAny(ended.Task, Task.Delay(Timeout.Infinite, either.Token)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ended.TrySetResult(e); // the source could not even be set up
            }
            finally
            {
                run?.Dispose();
            }

            if (either.IsCancellationRequested)
            {
                continue; // stopping, or a new source or settings: run again at once
            }

            var error = await ended.Task.ConfigureAwait(false);
            if (error is null && source.Kind == SourceKind.Url)
            {
                error = new IOException("the stream ended"); // a dropped live stream: connect again, with the same back-off
            }

            if (error is null)
            {
                LogEnded(shown);
                await WaitQuietly(Timeout.InfiniteTimeSpan, either.Token).ConfigureAwait(false);
                continue;
            }

            // A source that played for a while before failing starts its backoff afresh.
            failures = started ? 1 : failures + 1;
            failing = source;
            hub.CountFailure(stream);
            var delay = RetryDelay(failures);
            var reason = error.Message.ReplaceLineEndings(" ");
            if (reason != problem)
            {
                problem = reason;
                var lost = new SourceChanged(0, SourceState.Lost, reason) { Timestamp = time.GetUtcNow(), Stream = stream };
                foreach (var output in outputs ?? [])
                {
                    output.Post(lost);
                }

                hub.Publish(lost);
                systemd?.OnEvent(lost);
                // The reason usually repeats the source's name: shortened there too.
                var said = ServeLog.Clip(reason.Replace(source.Name ?? source.ToString(), plain, StringComparison.Ordinal), 400);
                LogFailed(shown, said, delay.TotalSeconds, MaxRetryDelay.TotalSeconds);
            }

            await WaitQuietly(delay, either.Token).ConfigureAwait(false);
        }

        hub.CompleteAll();
    }

    /// <summary>The source as the log names it: with the stream's name when there are several.</summary>
    private string Named(string shown) => hub.StreamNames.Count > 1 ? $"{stream}: {shown}" : shown;

    private async Task WaitQuietly(TimeSpan delay, CancellationToken cancel)
    {
        try
        {
            await Task.Delay(delay, time, cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A switch or the end of the service: the loop decides.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "listening to {Source}")]
    private partial void LogStarting(string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "paused; {Source} is closed until listening resumes")]
    private partial void LogPaused(string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source} ended; waiting for another source (POST /api/source)")]
    private partial void LogEnded(string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source}: {Problem}; trying again in {Seconds} s, then less often (at most every {Longest} s), logging only a change of error")]
    private partial void LogFailed(string source, string problem, double seconds, double longest);
}
