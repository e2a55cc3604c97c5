using System.Globalization;
using System.Threading.Channels;
using GenreStream.Host.Live;
using Tmds.DBus.Protocol;

namespace GenreStream.Host.Notifications;

/// <summary>
/// One desktop notification, replaced in place on each genre change (<c>--notify</c>): <c>Notify</c> of
/// <c>org.freedesktop.Notifications</c> on the session bus, each call with the id the previous one returned as
/// <c>replaces_id</c>, so a change updates the notification rather than stacking a new one. Calls go out on a task
/// of their own, newest first (a change that comes while one is being shown replaces the waiting one), so the
/// pipeline never waits for the bus. A failure (no session bus, no notification server) is reported once; the
/// next change tries again, and a success after a failure is reported too.
/// </summary>
internal sealed class DesktopNotifier : IDisposable
{
    private const string Service = "org.freedesktop.Notifications";
    private const string ObjectPath = "/org/freedesktop/Notifications";

    private readonly Action<string> _report;
    private readonly string? _address;
    private readonly Channel<GenreChanged> _changes = Channel.CreateBounded<GenreChanged>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Task _sending;
    private DBusConnection? _connection;
    private uint _id;
    private bool _failing;

    /// <param name="report">Receives one line when notifications fail (once) and when they work again.</param>
    /// <param name="address">The session bus address; <c>DBUS_SESSION_BUS_ADDRESS</c> when null.</param>
    public DesktopNotifier(Action<string> report, string? address = null)
    {
        _report = report;
        _address = address ?? DBusAddress.Session;
        _sending = Task.Run(SendAll);
    }

    /// <summary>The id the notification server gave the notification (0 before the first one was shown).</summary>
    public uint NotificationId => Volatile.Read(ref _id);

    /// <summary>Notifications shown (or replaced) so far.</summary>
    public int Shown { get; private set; }

    /// <summary>Takes a live event; shows genre changes. Never waits.</summary>
    public void OnEvent(LiveEvent e)
    {
        if (e is GenreChanged change)
        {
            _changes.Writer.TryWrite(change);
        }
    }

    /// <summary>The summary and body of the notification for <paramref name="change"/>.</summary>
    public static (string Summary, string Body) Text(GenreChanged change) =>
        ($"Now playing: {change.To}", string.Create(CultureInfo.InvariantCulture, $"{Math.Round(change.Confidence * 100)}%{(change.From is null ? "" : $", was {change.From}")}"));

    public void Dispose()
    {
        _changes.Writer.TryComplete();
        _sending.Wait(TimeSpan.FromSeconds(3));
        _connection?.Dispose();
    }

    private async Task SendAll()
    {
        await foreach (var change in _changes.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                if (_address is null)
                {
                    throw new InvalidOperationException("no session bus (DBUS_SESSION_BUS_ADDRESS is not set)");
                }

                if (_connection is null)
                {
                    _connection = new DBusConnection(_address);
                    await _connection.ConnectAsync().ConfigureAwait(false);
                }

                var id = await Notify(_connection, change).ConfigureAwait(false);
                Volatile.Write(ref _id, id);
                Shown++;
                if (_failing)
                {
                    _failing = false;
                    _report("desktop notifications work again");
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // No bus, no notification server, a refused call: never the pipeline's problem.
                _connection?.Dispose();
                _connection = null;
                if (!_failing)
                {
                    _failing = true;
                    _report($"no desktop notification ({ex.Message.ReplaceLineEndings(" ")}); trying again at the next change, saying so only when it works");
                }
            }
        }
    }

    private Task<uint> Notify(DBusConnection connection, GenreChanged change)
    {
        var (summary, body) = Text(change);
        var replaces = Volatile.Read(ref _id);
        return connection.CallMethodAsync(Message(), (Message m, object? _) => m.GetBodyReader().ReadUInt32());

        MessageBuffer Message()
        {
            using var writer = connection.GetMessageWriter();
            writer.WriteMethodCallHeader(destination: Service, path: ObjectPath, @interface: Service, signature: "susssasa{sv}i", member: "Notify");
            writer.WriteString("genre");
            writer.WriteUInt32(replaces);
            writer.WriteString("audio-x-generic");
            writer.WriteString(summary);
            writer.WriteString(body);
            writer.WriteArray(Array.Empty<string>());
            var hints = writer.WriteDictionaryStart();
            writer.WriteDictionaryEntryStart();
            writer.WriteString("category");
            writer.WriteVariant(VariantValue.String("x-genre.change"));
            writer.WriteDictionaryEnd(hints);
            writer.WriteInt32(-1);
            return writer.CreateMessage();
        }
    }
}
