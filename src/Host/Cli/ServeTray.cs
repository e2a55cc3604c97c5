using GenreStream.Host.Serve;
using GenreStream.Host.Tray;
using GenreStream.Streaming.Sources.Pulse;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Cli;

/// <summary>
/// <c>genre serve --tray</c>: the service's tray icon, wired to its hub (the composition of two Host folders,
/// which do not know each other): the hub's events drive the icon, and the menu pauses, switches source and
/// preset on the hub, opens the live page, or stops the service.
/// </summary>
internal static class ServeTray
{
    /// <param name="hub">The service's state and its run's controls.</param>
    /// <param name="page">The live page's address.</param>
    /// <param name="server">The PulseAudio/PipeWire server whose devices the menu lists.</param>
    /// <param name="stop">Stops the service (Quit).</param>
    /// <param name="log">Where the tray's one-line notes go (standard error).</param>
    public static async Task<IDisposable?> StartAsync(LiveHub hub, Uri page, string? server, Action stop, TextWriter log)
    {
        StatusNotifierTray? tray = null;
        var controls = new TrayControls(
            SetPaused: paused =>
            {
                tray?.Update(s => s with { Activity = paused ? TrayActivity.Paused : TrayActivity.Waiting });
                hub.SetPaused(paused);
            },
            SwitchSource: hub.SwitchSource,
            ApplyPreset: preset => hub.ApplyTracking(preset.Apply(hub.Tracking)),
            Quit: stop,
            Page: page,
            ListDevices: () => PulseDevices.List(server));
        tray = await StatusNotifierTray.StartAsync(controls, TrayState.Start(hub.Source, TrayState.PresetOf(hub.Tracking)), log, "genre serve").ConfigureAwait(false);
        if (tray is null)
        {
            return null;
        }

        void Follow(Live.LiveEvent e) => tray.Update(s =>
        {
            // The source or the options may have changed through the API or settings.json as well as the menu.
            var source = hub.Source;
            var now = s.Source == source ? s : TrayState.Start(source, s.Preset) with { Activity = s.Activity == TrayActivity.Paused ? TrayActivity.Paused : TrayActivity.Waiting };
            return now.With(e) with { Preset = TrayState.PresetOf(hub.Tracking) };
        });

        hub.Published += Follow;
        return new Unhook(() =>
        {
            hub.Published -= Follow;
            tray.Dispose();
        });
    }

    private sealed class Unhook(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
