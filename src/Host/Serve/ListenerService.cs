using GenreStream.Host.Live;
using GenreStream.Streaming.Sources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GenreStream.Host.Serve;

/// <summary>
/// Runs the live pipeline for as long as the service runs: the hub's current source through the model
/// to the hub. A switch of source or tracking options starts a new run at once; a source that cannot be
/// opened or fails (no audio server yet, a missing file, an unknown device) is <c>lost</c> with its reason
/// and retried after 1 s, then 2, 4… up to a minute, logged once per change of error; a file that ends
/// leaves the service idle until the next switch.
/// </summary>
internal sealed partial class ListenerService(LiveHub hub, LiveSetup setup, string? server, TimeProvider time, ILogger<ListenerService> logger, Notifications.DesktopNotifier? notifier = null, Outputs.EventOutputs? outputs = null, Notifications.SystemdStatus? systemd = null) : BackgroundService
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
            var (source, tracking, changed) = hub.CurrentRun();
            var shown = ServeLog.Clip(source.ToString());
            if (hub.Paused)
            {
                // Paused (from the tray): no source open until resumed or switched.
                LogPaused(shown);
                using var resumed = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, changed);
                await WaitQuietly(Timeout.InfiniteTimeSpan, resumed.Token).ConfigureAwait(false);
                failing = null;
                continue;
            }

            if (source != failing || hub.Failures == 0)
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
                        outputs?.Post(e);
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
            if (error is null)
            {
                LogEnded(shown);
                await WaitQuietly(Timeout.InfiniteTimeSpan, either.Token).ConfigureAwait(false);
                continue;
            }

            // A source that played for a while before failing starts its backoff afresh.
            failures = started ? 1 : failures + 1;
            failing = source;
            hub.CountFailure();
            var delay = RetryDelay(failures);
            var reason = error.Message.ReplaceLineEndings(" ");
            if (reason != problem)
            {
                problem = reason;
                var lost = new SourceChanged(0, SourceState.Lost, reason) { Timestamp = time.GetUtcNow() };
                hub.Publish(lost);
                systemd?.OnEvent(lost);
                // The reason usually repeats the source's name: shortened there too.
                var said = ServeLog.Clip(reason.Replace(source.Name ?? source.ToString(), shown, StringComparison.Ordinal), 400);
                LogFailed(shown, said, delay.TotalSeconds, MaxRetryDelay.TotalSeconds);
            }

            await WaitQuietly(delay, either.Token).ConfigureAwait(false);
        }

        hub.CompleteAll();
    }

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
