using System.Diagnostics;
using System.Globalization;
using GenreStream.Host.Live;
using Microsoft.Extensions.Logging;

namespace GenreStream.Host.Serve;

/// <summary>A desktop notification (<c>notify-send</c>, where it exists) when the current genre changes: the tray's stand-in.</summary>
internal sealed partial class DesktopNotifier(ILogger<DesktopNotifier> logger)
{
    private bool _unavailable;

    public void OnEvent(LiveEvent e)
    {
        if (e is not GenreChanged change || _unavailable)
        {
            return;
        }

        var start = new ProcessStartInfo("notify-send") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("--app-name=genre");
        start.ArgumentList.Add($"Now playing: {change.To}");
        start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"{change.Confidence:P0}{(change.From is null ? "" : $", was {change.From}")}"));
        try
        {
            using var process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            _unavailable = true;
            LogUnavailable();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "notify-send is not installed (apt-get install libnotify-bin): no desktop notifications")]
    private partial void LogUnavailable();
}
