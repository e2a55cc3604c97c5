using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Sources.Pulse;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Tray;

/// <summary>
/// The tray's menu: the current genre (a label), open the live page, pause or resume, the source (what is
/// playing, the microphone, each capture device, the file given), the preset, quit. Built afresh from the
/// state; a click is turned into a call of <see cref="TrayControls"/>.
/// </summary>
internal sealed class TrayMenu(TrayControls controls)
{
    public const int StatusId = 1, PageId = 2, PauseId = 3, SourceId = 10, MonitorId = 11, MicId = 12, FileId = 13, PresetId = 20, QuitId = 31;

    /// <summary>Ids of the capture devices start here (in the order of the last device listing).</summary>
    public const int FirstDeviceId = 100;

    private readonly Lock _gate = new();
    private IReadOnlyList<CaptureDevice> _devices = [];

    /// <summary>Lists the capture devices again; true when they changed.</summary>
    public bool RefreshDevices()
    {
        IReadOnlyList<CaptureDevice> devices;
        try
        {
            devices = controls.ListDevices();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // No audio server, no libpulse, or it failed: only monitor and mic are offered (the menu must open anyway).
            devices = [];
        }

        lock (_gate)
        {
            if (devices.Select(d => d.Name).SequenceEqual(_devices.Select(d => d.Name)))
            {
                return false;
            }

            _devices = devices;
            return true;
        }
    }

    /// <summary>The whole menu (id 0) for <paramref name="state"/>.</summary>
    public MenuItem Build(TrayState state)
    {
        IReadOnlyList<CaptureDevice> devices;
        lock (_gate)
        {
            devices = _devices;
        }

        var source = state.Source;
        var sources = new List<MenuItem>
        {
            new(MonitorId, "What is playing (monitor)", Toggle: "radio", On: source.Kind == SourceKind.Monitor),
            new(MicId, "Microphone (default input)", Toggle: "radio", On: source.Kind == SourceKind.Mic),
        };
        if (source.Kind == SourceKind.File)
        {
            sources.Add(new(FileId, $"File {Path.GetFileName(source.Name)}", Toggle: "radio", On: true));
        }

        for (var i = 0; i < devices.Count; i++)
        {
            var d = devices[i];
            sources.Add(new(FirstDeviceId + i, $"{d.Description} ({(d.IsMonitor ? "monitor" : "input")})", Toggle: "radio", On: source.Kind == SourceKind.Device && source.Name == d.Name));
        }

        var paused = state.Activity == TrayActivity.Paused;
        var pageItem = controls.Page is null
            ? new MenuItem(PageId, "Live page: run 'genre serve --tray' for one", Enabled: false)
            : new MenuItem(PageId, "Open the live page");
        return new MenuItem(0, string.Empty, Children:
        [
            new(StatusId, state.Title[(state.Title.IndexOf(':', StringComparison.Ordinal) + 2)..], Enabled: false),
            pageItem,
            new(PauseId, paused ? "Resume listening" : "Pause listening"),
            MenuItem.Line(4),
            new(SourceId, "Source", Children: sources),
            new(PresetId, "Preset", Children:
            [
                new(PresetId + 1, "Steady (smoothing 4 s, hold 3 s)", Toggle: "radio", On: state.Preset == TrackingPreset.Steady),
                new(PresetId + 2, "Responsive (smoothing 2 s, hold 1.5 s)", Toggle: "radio", On: state.Preset == TrackingPreset.Responsive),
            ]),
            MenuItem.Line(30),
            new(QuitId, "Quit"),
        ]);
    }

    /// <summary>Carries out a click on <paramref name="id"/> in the menu built for <paramref name="state"/>; false when the id is not a clickable item.</summary>
    public bool Click(int id, TrayState state)
    {
        switch (id)
        {
            case PageId when controls.Page is { } page:
                DesktopOpener.Open(page);
                return true;
            case PauseId:
                controls.SetPaused(state.Activity != TrayActivity.Paused);
                return true;
            case MonitorId:
                controls.SwitchSource(SourceSpec.Monitor);
                return true;
            case MicId:
                controls.SwitchSource(SourceSpec.Mic);
                return true;
            case FileId:
                return true; // already the source
            case PresetId + 1:
                controls.ApplyPreset(TrackingPreset.Steady);
                return true;
            case PresetId + 2:
                controls.ApplyPreset(TrackingPreset.Responsive);
                return true;
            case QuitId:
                controls.Quit();
                return true;
            case >= FirstDeviceId:
                CaptureDevice? device;
                lock (_gate)
                {
                    device = id - FirstDeviceId < _devices.Count ? _devices[id - FirstDeviceId] : null;
                }

                if (device is null)
                {
                    return false;
                }

                controls.SwitchSource(SourceSpec.Device(device.Name));
                return true;
            default:
                return false;
        }
    }

    /// <summary>What a left click on the icon does: open the live page where there is one, else pause or resume.</summary>
    public void Activate(TrayState state)
    {
        if (controls.Page is { } page)
        {
            DesktopOpener.Open(page);
        }
        else
        {
            controls.SetPaused(state.Activity != TrayActivity.Paused);
        }
    }
}
