using GenreStream.Host.Cli;
using GenreStream.Host.Listen;
using GenreStream.Host.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GenreStream.Host.Serve;

/// <summary>
/// Runs the live pipeline for as long as the service runs: the hub's current source through the model
/// to the hub. A switch of source or tracking options starts a new run at once; a source that cannot be
/// opened (no audio server yet, a missing file) is retried every few seconds; a file that ends leaves the
/// service idle until the next switch.
/// </summary>
internal sealed partial class ListenerService(LiveHub hub, CommonOptions.Resolved setup, string? server, CliContext context, TimeProvider time, ILogger<ListenerService> logger, DesktopNotifier? notifier = null, Outputs.EventOutputs? outputs = null) : BackgroundService
{
    /// <summary>Wait before opening a source again after it failed.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var (source, tracking, changed) = hub.CurrentRun();
            using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, changed);
            var ended = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
            LogStarting(source);
            var options = new LiveSourceOptions(source, Server: server);
            using (LiveSession.Run(options, setup with { Tracking = tracking }, context).Subscribe(
                       e =>
                       {
                           outputs?.Post(e);
                           hub.Publish(e);
                           notifier?.OnEvent(e);
                       },
                       e => ended.TrySetResult(e),
                       () => ended.TrySetResult(null)))
            {
                await Task.WhenAny(ended.Task, Task.Delay(Timeout.Infinite, either.Token)).ConfigureAwait(false);
            }

            if (either.IsCancellationRequested)
            {
                continue; // stopping, or a new source or settings: run again at once
            }

            var error = await ended.Task.ConfigureAwait(false);
            if (error is null)
            {
                LogEnded(source);
                await WaitQuietly(Timeout.InfiniteTimeSpan, either.Token).ConfigureAwait(false);
                continue;
            }

            if (LiveSources.IsServerUnavailable(error))
            {
                hub.Publish(new SourceChanged(0, "lost", error.Message.ReplaceLineEndings(" ")));
            }

            LogFailed(source, error.Message.ReplaceLineEndings(" "), RetryDelay.TotalSeconds);
            await WaitQuietly(RetryDelay, either.Token).ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source} ended; waiting for another source (POST /api/source)")]
    private partial void LogEnded(string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source}: {Problem}; trying again in {Seconds} s")]
    private partial void LogFailed(string source, string problem, double seconds);
}
