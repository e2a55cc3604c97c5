using GenreStream.Host.Live;
using GenreStream.Streaming.Sources.Pulse;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Tray;

/// <summary>
/// <c>genre tray</c>: the live pipeline (<see cref="TrayListener"/>) shown as a tray icon
/// (<see cref="StatusNotifierTray"/>), until Quit in the menu or a signal. The current genre's changes,
/// silence and the source's states are also written as lines of text (a service's log); without a tray
/// host it goes on as that service.
/// </summary>
internal static class StandaloneTray
{
    /// <param name="options">What to listen to.</param>
    /// <param name="setup">Model and tracking options.</param>
    /// <param name="preset">The preset chosen on the command line, if any (the menu shows it).</param>
    /// <param name="output">Where the log lines go (standard output).</param>
    /// <param name="log">Where the one-line notes go (standard error).</param>
    /// <param name="cancel">Ctrl+C or SIGTERM.</param>
    /// <returns>When Quit was chosen or <paramref name="cancel"/> fired.</returns>
    public static async Task RunAsync(LiveSourceOptions options, LiveSetup setup, TrackingPreset? preset, TextWriter output, TextWriter log, CancellationToken cancel)
    {
        var quit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writing = new Lock();
        StatusNotifierTray? tray = null;
        void Say(string line)
        {
            lock (writing)
            {
                try
                {
                    output.WriteLine(line);
                    output.Flush();
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException)
                {
                    // Nobody reads the log: the tray goes on.
                }
            }
        }

        var listener = new TrayListener(options, setup, TimeProvider.System, e =>
        {
            if (e is not GenreUpdate)
            {
                Say(LiveEventText.ToLine(e));
            }

            tray?.Update(s => s.With(e));
        });
        var controls = new TrayControls(
            SetPaused: paused =>
            {
                Say(paused ? "paused" : "resumed");
                tray?.Update(s => s with { Activity = paused ? TrayActivity.Paused : TrayActivity.Waiting });
                listener.SetPaused(paused);
            },
            SwitchSource: source =>
            {
                Say($"source: {source}");
                tray?.Update(s => TrayState.Start(source, s.Preset) with { Activity = s.Activity == TrayActivity.Paused ? TrayActivity.Paused : TrayActivity.Waiting });
                listener.SwitchSource(source);
            },
            ApplyPreset: chosen =>
            {
                Say($"preset: {chosen.Name()}");
                tray?.Update(s => s with { Preset = chosen });
                listener.ApplyTracking(chosen.Apply(listener.Tracking));
            },
            Quit: () => quit.TrySetResult(),
            Page: null,
            ListDevices: () => PulseDevices.List(options.Server));

        tray = await StatusNotifierTray.StartAsync(controls, TrayState.Start(options.Source, preset), log, "genre tray").ConfigureAwait(false);
        try
        {
            listener.Start();
            await Task.WhenAny(quit.Task, Task.Delay(Timeout.Infinite, cancel)).ConfigureAwait(false);
        }
        finally
        {
            // The pipeline first, so that no event reaches a tray already gone.
            listener.Dispose();
            tray?.Dispose();
        }
    }
}
