using Tmds.DBus.Protocol;

namespace GenreStream.Host.Tests.Tray;

/// <summary>
/// A D-Bus client (Tmds.DBus.Protocol) that reads and drives a StatusNotifierItem as a tray host would: the
/// watcher's registered items, the item's tooltip, status and icon, <c>Activate</c>, and its
/// <c>com.canonical.dbusmenu</c> menu (layout and clicks).
/// </summary>
internal sealed class TrayBusClient : IDisposable
{
    private const string Watcher = "org.kde.StatusNotifierWatcher", Item = "org.kde.StatusNotifierItem", Menu = "com.canonical.dbusmenu";

    private readonly DBusConnection _connection;

    private TrayBusClient(DBusConnection connection) => _connection = connection;

    public static TrayBusClient Connect(string address)
    {
        var connection = new DBusConnection(address);
        connection.ConnectAsync().AsTask().Wait(TimeSpan.FromSeconds(30));
        return new TrayBusClient(connection);
    }

    /// <summary>Whether some program owns <paramref name="name"/> on the bus.</summary>
    public bool HasOwner(string name) => Call<bool>("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner", "s", (ref MessageWriter w) => w.WriteString(name), (Message m, object? s) => m.GetBodyReader().ReadBool());

    /// <summary>The watcher's <c>RegisteredStatusNotifierItems</c>.</summary>
    public string[] RegisteredItems() => Get<string[]>(Watcher, "/StatusNotifierWatcher", Watcher, "RegisteredStatusNotifierItems", (Message m, object? s) =>
    {
        var r = m.GetBodyReader();
        r.ReadSignature();
        return r.ReadArrayOfString();
    });

    /// <summary>The item's tooltip title and text.</summary>
    public (string Title, string Text) ToolTip(string item) => Get<(string, string)>(item, "/StatusNotifierItem", Item, "ToolTip", (Message m, object? s) =>
    {
        var r = m.GetBodyReader();
        r.ReadSignature();
        r.AlignStruct();
        r.ReadString(); // icon name
        var icons = r.ReadArrayStart(DBusType.Struct);
        while (r.HasNext(icons))
        {
            r.AlignStruct();
            r.ReadInt32();
            r.ReadInt32();
            r.ReadArrayOfByte();
        }

        return (r.ReadString(), r.ReadString());
    });

    /// <summary>The item's <c>Status</c>.</summary>
    public string Status(string item) => Get<string>(item, "/StatusNotifierItem", Item, "Status", (Message m, object? s) =>
    {
        var r = m.GetBodyReader();
        r.ReadSignature();
        return r.ReadString();
    });

    /// <summary>The item's <c>IconPixmap</c>: each size with its ARGB32 bytes.</summary>
    public List<(int Width, int Height, byte[] Argb)> Icons(string item) => Get<List<(int, int, byte[])>>(item, "/StatusNotifierItem", Item, "IconPixmap", (Message m, object? s) =>
    {
        var r = m.GetBodyReader();
        r.ReadSignature();
        var list = new List<(int, int, byte[])>();
        var end = r.ReadArrayStart(DBusType.Struct);
        while (r.HasNext(end))
        {
            r.AlignStruct();
            list.Add((r.ReadInt32(), r.ReadInt32(), r.ReadArrayOfByte()));
        }

        return list;
    });

    /// <summary>Calls the item's <c>Activate(x, y)</c> (a left click on the icon).</summary>
    public void Activate(string item) => Call<bool>(item, "/StatusNotifierItem", Item, "Activate", "ii", (ref MessageWriter w) =>
    {
        w.WriteInt32(0);
        w.WriteInt32(0);
    }, (Message m, object? s) => true);

    /// <summary>Every entry of the item's menu: id, label (empty for separators) and, for toggles, whether it is on.</summary>
    public List<(int Id, string Label, bool On)> MenuItems(string item) => Call<List<(int, string, bool)>>(item, "/MenuBar", Menu, "GetLayout", "iias", (ref MessageWriter w) =>
    {
        w.WriteInt32(0);
        w.WriteInt32(-1);
        w.WriteArray(System.Array.Empty<string>());
    }, (Message m, object? s) =>
    {
        var r = m.GetBodyReader();
        r.ReadUInt32(); // revision
        var items = new List<(int, string, bool)>();
        ReadLayout(ref r, items);
        return items;
    });

    /// <summary>Sends the menu a click on <paramref name="id"/> (<c>Event(id, "clicked", 0, 0)</c>).</summary>
    public void Click(string item, int id) => Call<bool>(item, "/MenuBar", Menu, "Event", "isvu", (ref MessageWriter w) =>
    {
        w.WriteInt32(id);
        w.WriteString("clicked");
        w.WriteVariantInt32(0);
        w.WriteUInt32(0);
    }, (Message m, object? s) => true);

    /// <summary>The id of the menu entry whose label starts with <paramref name="label"/>.</summary>
    public int MenuId(string item, string label)
    {
        var items = MenuItems(item);
        var found = items.Where(i => i.Label.StartsWith(label, StringComparison.Ordinal)).ToList();
        Assert.True(found.Count == 1, $"no single menu entry '{label}' in: {string.Join(" | ", items.Select(i => i.Label))}");
        return found[0].Id;
    }

    public void Dispose() => _connection.Dispose();

    private static void ReadLayout(ref Reader r, List<(int, string, bool)> items)
    {
        r.AlignStruct();
        var id = r.ReadInt32();
        var properties = r.ReadDictionaryOfStringToVariantValue();
        var label = properties.TryGetValue("label", out var l) ? l.GetString() : string.Empty;
        var on = properties.TryGetValue("toggle-state", out var s) && s.GetInt32() == 1;
        items.Add((id, label, on));
        var children = r.ReadArrayStart(DBusType.Variant);
        while (r.HasNext(children))
        {
            r.ReadSignature();
            ReadLayout(ref r, items);
        }
    }

    private T Get<T>(string destination, string path, string @interface, string name, MessageValueReader<T> read) =>
        Call(destination, path, "org.freedesktop.DBus.Properties", "Get", "ss", (ref MessageWriter w) =>
        {
            w.WriteString(@interface);
            w.WriteString(name);
        }, read);

    private delegate void BodyWriter(ref MessageWriter writer);

    private T Call<T>(string destination, string path, string @interface, string member, string signature, BodyWriter body, MessageValueReader<T> read)
    {
        var writer = _connection.GetMessageWriter();
        MessageBuffer message;
        try
        {
            writer.WriteMethodCallHeader(destination, path, @interface, member, signature);
            body(ref writer);
            message = writer.CreateMessage();
        }
        finally
        {
            writer.Dispose();
        }

        var call = _connection.CallMethodAsync(message, read);
        Assert.True(call.Wait(TimeSpan.FromSeconds(30)), $"{member} on {destination} got no answer in 30 s");
        return call.Result;
    }
}
