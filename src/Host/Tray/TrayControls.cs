using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Sources.Pulse;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Tray;

/// <summary>
/// What the tray's menu can ask of whoever runs the listener (<c>genre tray</c> itself, or <c>genre serve --tray</c>).
/// Each is called on the D-Bus connection's thread and must return quickly.
/// </summary>
/// <param name="SetPaused">Pause (true) or resume (false) listening.</param>
/// <param name="SwitchSource">Listen to another source from now on.</param>
/// <param name="ApplyPreset">Use a tracking preset from now on.</param>
/// <param name="Quit">Stop the program (exit code 0).</param>
/// <param name="Page">The live page to open, or null when there is none (<c>genre tray</c> without <c>serve</c>).</param>
/// <param name="ListDevices">The capture devices to offer (may throw when there is no audio server: none are offered then).</param>
internal sealed record TrayControls(
    Action<bool> SetPaused,
    Action<SourceSpec> SwitchSource,
    Action<TrackingPreset> ApplyPreset,
    Action Quit,
    Uri? Page,
    Func<IReadOnlyList<CaptureDevice>> ListDevices);
