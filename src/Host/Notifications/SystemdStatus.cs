using System.Globalization;
using GenreStream.Host.Live;
using Microsoft.Extensions.Hosting.Systemd;

namespace GenreStream.Host.Notifications;

/// <summary>
/// Tells systemd (<c>sd_notify</c> over <c>NOTIFY_SOCKET</c>) what is playing, as <c>STATUS=</c> (shown by
/// <c>systemctl status</c>) when it changes, and keeps its watchdog fed: with <c>WatchdogSec=</c> in the unit,
/// systemd sets <c>WATCHDOG_USEC</c> and this sends <c>WATCHDOG=1</c> every half of it, so a hung process is
/// restarted. Does nothing outside systemd (no <c>NOTIFY_SOCKET</c>).
/// </summary>
internal sealed class SystemdStatus : IDisposable
{
    private readonly ISystemdNotifier _notifier;
    private readonly ITimer? _watchdog;
    private string? _status;

    /// <param name="notifier">Sends the datagrams (<see cref="SystemdNotifier"/> reads <c>NOTIFY_SOCKET</c>).</param>
    /// <param name="time">Paces the watchdog.</param>
    /// <param name="watchdogMicroseconds"><c>WATCHDOG_USEC</c>, or null without a watchdog.</param>
    public SystemdStatus(ISystemdNotifier notifier, TimeProvider time, long? watchdogMicroseconds)
    {
        _notifier = notifier;
        if (notifier.IsEnabled && watchdogMicroseconds is > 0 and var usec)
        {
            Interval = TimeSpan.FromMicroseconds(usec / 2.0);
            _watchdog = time.CreateTimer(_ => _notifier.Notify(new ServiceState("WATCHDOG=1")), null, TimeSpan.Zero, Interval.Value);
        }
    }

    /// <summary>How often <c>WATCHDOG=1</c> is sent (half of <c>WATCHDOG_USEC</c>), or null without a watchdog.</summary>
    public TimeSpan? Interval { get; }

    /// <summary>From the process's environment: systemd's socket and its watchdog (when <c>WATCHDOG_PID</c> is unset or this process).</summary>
    public static SystemdStatus FromEnvironment(TimeProvider time)
    {
        var pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        var forUs = pid is null || pid == Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var usec = long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var u) && forUs ? u : (long?)null;
        return new SystemdStatus(new SystemdNotifier(), time, usec);
    }

    /// <summary>Says the genre (or silence, or that the source is lost) when it changes.</summary>
    public void OnEvent(LiveEvent e)
    {
        if (!_notifier.IsEnabled)
        {
            return;
        }

        var status = e switch
        {
            GenreUpdate g => g.SettledState switch
            {
                "silence" => "silence",
                "unknown" => "not music (unknown)",
                var genre => string.Create(CultureInfo.InvariantCulture, $"playing {genre}"),
            },
            Live.SourceChanged { State: Streaming.Sources.SourceState.Lost } s => $"source lost: {s.Detail}",
            Live.SourceChanged { State: Streaming.Sources.SourceState.Ended } => "source ended",
            _ => null,
        };
        if (status is not null && status != _status)
        {
            _status = status;
            _notifier.Notify(new ServiceState("STATUS=" + status.ReplaceLineEndings(" ")));
        }
    }

    public void Dispose() => _watchdog?.Dispose();
}
