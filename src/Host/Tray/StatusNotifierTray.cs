using System.Globalization;
using Tmds.DBus.Protocol;

namespace GenreStream.Host.Tray;

/// <summary>
/// The tray icon on the session D-Bus: owns the name <c>org.kde.StatusNotifierItem-&lt;pid&gt;-1</c>, serves
/// <see cref="StatusNotifierItem"/> and <see cref="DBusMenu"/>, and registers with the tray host's
/// <c>org.kde.StatusNotifierWatcher</c> whenever one is there (again after a desktop restarts it).
/// Without a session bus or a watcher it says so in one line and the program goes on without an icon.
/// </summary>
internal sealed class StatusNotifierTray : IDisposable
{
    public const string WatcherName = "org.kde.StatusNotifierWatcher", WatcherPath = "/StatusNotifierWatcher";

    private readonly DBusConnection _connection;
    private readonly TrayMenu _menu;
    private readonly DBusMenu _dbusMenu;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private TrayState _state;

    private StatusNotifierTray(DBusConnection connection, TrayControls controls, TrayState initial)
    {
        _connection = connection;
        _state = initial;
        _menu = new TrayMenu(controls);
        _dbusMenu = new DBusMenu(_menu, () => State);
        connection.AddMethodHandler(new StatusNotifierItem(() => State, () => _menu.Activate(State)));
        connection.AddMethodHandler(_dbusMenu);
    }

    /// <summary>The bus name the item is registered under.</summary>
    public static string BusName { get; } = string.Create(CultureInfo.InvariantCulture, $"org.kde.StatusNotifierItem-{Environment.ProcessId}-1");

    /// <summary>What the icon shows now.</summary>
    public TrayState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>
    /// Puts the icon on the session bus; null (after one line on <paramref name="log"/>) when there is no session
    /// bus. A bus without a tray host is said in one line too, and the icon appears when a host starts.
    /// </summary>
    /// <param name="controls">What the menu and clicks ask for.</param>
    /// <param name="initial">What the icon shows first.</param>
    /// <param name="log">Where the one-line notes go (standard error), prefixed by <paramref name="prefix"/>.</param>
    /// <param name="prefix">E.g. <c>genre tray</c>.</param>
    public static async Task<StatusNotifierTray?> StartAsync(TrayControls controls, TrayState initial, TextWriter log, string prefix)
    {
        var address = DBusAddress.Session;
        if (string.IsNullOrEmpty(address))
        {
            log.WriteLine($"{prefix}: no session D-Bus (DBUS_SESSION_BUS_ADDRESS is not set and no user bus was found): running without a tray icon");
            return null;
        }

        var connection = new DBusConnection(address);
        try
        {
            await connection.ConnectAsync().ConfigureAwait(false);
            await connection.RequestNameAsync(BusName, RequestNameOptions.Default).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DBusExceptionBase or IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            connection.Dispose();
            log.WriteLine($"{prefix}: cannot use the session D-Bus ({e.Message.ReplaceLineEndings(" ")}): running without a tray icon");
            return null;
        }

        var tray = new StatusNotifierTray(connection, controls, initial);
        _ = Task.Run(() =>
        {
            // Listing devices asks the audio server: off this thread, and the hosts are told when there are some.
            if (tray._menu.RefreshDevices() && !tray._stop.IsCancellationRequested)
            {
                tray.MenuChanged();
            }
        });
        var watcher = await connection.WatchNameOwnerAsync(WatcherName).ConfigureAwait(false);
        if (watcher.GetCurrentOwner() is null)
        {
            log.WriteLine($"{prefix}: no tray host on the session D-Bus (no {WatcherName}): running without an icon; it appears when a tray starts");
        }

        _ = tray.RegisterWheneverAsync(watcher, log, prefix);
        return tray;
    }

    /// <summary>Shows <paramref name="next"/>: the hosts are told what changed.</summary>
    public void Show(TrayState next)
    {
        TrayState before;
        lock (_gate)
        {
            before = _state;
            _state = next;
        }

        if (before == next || _stop.IsCancellationRequested)
        {
            return;
        }

        try
        {
            StatusNotifierItem.Announce(_connection, before, next);
        }
        catch (ObjectDisposedException)
        {
            // Stopping: the bus connection is gone; the pipeline must not notice.
        }

        if (before.Title != next.Title || before.Activity != next.Activity || before.Source != next.Source || before.Preset != next.Preset)
        {
            MenuChanged();
        }
    }

    /// <summary>Shows the state <paramref name="change"/> makes of the current one (atomically).</summary>
    public void Update(Func<TrayState, TrayState> change)
    {
        TrayState next;
        lock (_gate)
        {
            next = change(_state);
        }

        Show(next);
    }

    /// <summary>Tells the hosts the menu changed (a new layout revision).</summary>
    private void MenuChanged()
    {
        try
        {
            _dbusMenu.Changed(_connection);
        }
        catch (ObjectDisposedException)
        {
            // Stopping.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _connection.Dispose();
        _stop.Dispose();
    }

    private async Task RegisterWheneverAsync(NameOwnerWatcher watcher, TextWriter log, string prefix)
    {
        using (watcher)
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var owner = await watcher.WaitForOwnerAsync(_stop.Token).ConfigureAwait(false);
                    try
                    {
                        await RegisterAsync().ConfigureAwait(false);
                    }
                    catch (DBusExceptionBase e)
                    {
                        log.WriteLine($"{prefix}: the tray host refused the icon: {e.Message.ReplaceLineEndings(" ")}");
                    }

                    // Until this watcher goes away (a desktop restarting its tray): then register with the next one.
                    using var changed = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, watcher.GetOwnerChangedCancellationToken(owner));
                    try
                    {
                        await Task.Delay(Timeout.Infinite, changed.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
                    {
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or DBusExceptionBase)
            {
                // Stopping, or the bus went away.
            }
        }
    }

    private Task RegisterAsync()
    {
        return _connection.CallMethodAsync(Message());

        MessageBuffer Message()
        {
            using var writer = _connection.GetMessageWriter();
            writer.WriteMethodCallHeader(WatcherName, WatcherPath, WatcherName, "RegisterStatusNotifierItem", "s");
            writer.WriteString(BusName);
            return writer.CreateMessage();
        }
    }
}
