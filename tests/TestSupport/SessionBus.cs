using System.Diagnostics;

namespace GenreStream.TestSupport;

/// <summary>A private D-Bus session bus (<c>dbus-daemon --session</c>) for one test, stopped on dispose.</summary>
public sealed class SessionBus : IDisposable
{
    private readonly Process? _daemon;

    public SessionBus()
    {
        if (!File.Exists("/usr/bin/dbus-daemon"))
        {
            WhyUnavailable = "dbus-daemon is not installed (apt-get install dbus)";
            return;
        }

        _daemon = Process.Start(new ProcessStartInfo("/usr/bin/dbus-daemon", ["--session", "--nofork", "--print-address=1"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var line = _daemon.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(20)) || string.IsNullOrWhiteSpace(line.Result))
        {
            WhyUnavailable = $"dbus-daemon did not say its address: {_daemon.StandardError.ReadToEnd()}";
            return;
        }

        Address = line.Result.Trim();
    }

    /// <summary>The bus address (<c>DBUS_SESSION_BUS_ADDRESS</c>), or null when it is not running.</summary>
    public string? Address { get; }

    /// <summary>Why the bus is not running, or null when it is.</summary>
    public string? WhyUnavailable { get; }

    public void Dispose()
    {
        if (_daemon is { HasExited: false })
        {
            _daemon.Kill();
            _daemon.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _daemon?.Dispose();
    }
}
