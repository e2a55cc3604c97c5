using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Tray;

/// <summary>
/// A private session bus with Debian's <c>status-notifier-watcher</c> on it (package
/// haskell-status-notifier-item-utils): what a desktop's tray offers items to register with. Class fixture.
/// </summary>
public sealed class TrayHost : IDisposable
{
    public TrayHost()
    {
        Bus = new SessionBus();
        if (Bus.WhyUnavailable is not null)
        {
            WhyUnavailable = Bus.WhyUnavailable;
            return;
        }

        if (!SessionBus.IsInstalled("status-notifier-watcher"))
        {
            WhyUnavailable = "status-notifier-watcher is not installed (apt-get install haskell-status-notifier-item-utils)";
            return;
        }

        Bus.Start("status-notifier-watcher");
        using var client = TrayBusClient.Connect(Bus.Address);
        if (!TrayProcess.WaitUntil(() => client.HasOwner("org.kde.StatusNotifierWatcher"), TimeSpan.FromSeconds(30)))
        {
            WhyUnavailable = "status-notifier-watcher did not take its name on the bus in 30 s";
        }
    }

    public SessionBus Bus { get; }

    public string? WhyUnavailable { get; }

    /// <summary>The environment that puts a program on this bus.</summary>
    public Dictionary<string, string> Environment => new() { ["DBUS_SESSION_BUS_ADDRESS"] = Bus.Address };

    public void Dispose() => Bus.Dispose();
}
