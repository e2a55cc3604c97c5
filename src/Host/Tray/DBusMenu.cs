using System.Text;
using Tmds.DBus.Protocol;

namespace GenreStream.Host.Tray;

/// <summary>
/// The tray's menu as a <c>com.canonical.dbusmenu</c> object at <c>/MenuBar</c>, the protocol hosts of
/// StatusNotifierItems read menus through: the layout (<c>GetLayout</c>), item properties, and clicks
/// (<c>Event</c> with <c>"clicked"</c>, or <c>EventGroup</c>), carried out by <see cref="TrayMenu"/>.
/// When the menu changes its revision rises and <c>LayoutUpdated</c> tells the hosts.
/// </summary>
internal sealed class DBusMenu(TrayMenu menu, Func<TrayState> state) : IPathMethodHandler
{
    public const string ObjectPath = "/MenuBar", Interface = "com.canonical.dbusmenu";

    private const string LayoutSignature = "(ia{sv}av)";

    private static readonly string[] PropertyNames = ["Version", "TextDirection", "Status", "IconThemePath"];

    private static readonly ReadOnlyMemory<byte> Xml = Encoding.UTF8.GetBytes(
        $"""
        <interface name="{Interface}">
          <property name="Version" type="u" access="read"/><property name="TextDirection" type="s" access="read"/>
          <property name="Status" type="s" access="read"/><property name="IconThemePath" type="as" access="read"/>
          <method name="GetLayout"><arg type="i" name="parentId" direction="in"/><arg type="i" name="recursionDepth" direction="in"/><arg type="as" name="propertyNames" direction="in"/><arg type="u" name="revision" direction="out"/><arg type="{LayoutSignature}" name="layout" direction="out"/></method>
          <method name="GetGroupProperties"><arg type="ai" name="ids" direction="in"/><arg type="as" name="propertyNames" direction="in"/><arg type="a(ia{"{"}sv{"}"})" name="properties" direction="out"/></method>
          <method name="GetProperty"><arg type="i" name="id" direction="in"/><arg type="s" name="name" direction="in"/><arg type="v" name="value" direction="out"/></method>
          <method name="Event"><arg type="i" name="id" direction="in"/><arg type="s" name="eventId" direction="in"/><arg type="v" name="data" direction="in"/><arg type="u" name="timestamp" direction="in"/></method>
          <method name="EventGroup"><arg type="a(isvu)" name="events" direction="in"/><arg type="ai" name="idErrors" direction="out"/></method>
          <method name="AboutToShow"><arg type="i" name="id" direction="in"/><arg type="b" name="needUpdate" direction="out"/></method>
          <method name="AboutToShowGroup"><arg type="ai" name="ids" direction="in"/><arg type="ai" name="updatesNeeded" direction="out"/><arg type="ai" name="idErrors" direction="out"/></method>
          <signal name="ItemsPropertiesUpdated"><arg type="a(ia{"{"}sv{"}"})" name="updatedProps"/><arg type="a(ias)" name="removedProps"/></signal>
          <signal name="LayoutUpdated"><arg type="u" name="revision"/><arg type="i" name="parent"/></signal>
          <signal name="ItemActivationRequested"><arg type="i" name="id"/><arg type="u" name="timestamp"/></signal>
        </interface>

        """);

    private uint _revision = 1;

    public string Path => ObjectPath;

    public bool HandlesChildPaths => false;

    /// <summary>The layout's revision; it rises with every <see cref="Changed"/>.</summary>
    public uint Revision => Volatile.Read(ref _revision);

    /// <summary>The menu's content changed: a new revision, announced with <c>LayoutUpdated</c>.</summary>
    public void Changed(DBusConnection connection)
    {
        var revision = Interlocked.Increment(ref _revision);
        using var writer = connection.GetMessageWriter();
        writer.WriteSignalHeader(null, ObjectPath, Interface, "LayoutUpdated", "ui");
        writer.WriteUInt32(revision);
        writer.WriteInt32(0);
        connection.TrySendMessage(writer.CreateMessage());
    }

    public ValueTask HandleMethodAsync(MethodContext context)
    {
        if (context.IsDBusIntrospectRequest)
        {
            context.ReplyIntrospectXml([Xml, DBusProperties.Xml]);
        }
        else if (context.IsPropertiesInterfaceRequest)
        {
            DBusProperties.Handle(context, Interface, PropertyNames, WriteProperty);
        }
        else if (context.Request.InterfaceAsString == Interface)
        {
            Handle(context);
        }

        return ValueTask.CompletedTask;
    }

    private void Handle(MethodContext context)
    {
        var reader = context.Request.GetBodyReader();
        var root = menu.Build(state());
        switch (context.Request.MemberAsString)
        {
            case "GetLayout":
            {
                var parent = root.Find(reader.ReadInt32());
                var depth = reader.ReadInt32();
                if (parent is null)
                {
                    context.ReplyError("org.freedesktop.DBus.Error.InvalidArgs", "no such menu item");
                    return;
                }

                var writer = context.CreateReplyWriter("u" + LayoutSignature);
                try
                {
                    writer.WriteUInt32(Revision);
                    WriteLayout(ref writer, parent, depth);
                    context.Reply(writer.CreateMessage());
                }
                finally
                {
                    writer.Dispose();
                }

                return;
            }

            case "GetGroupProperties":
            {
                var ids = reader.ReadArrayOfInt32();
                var writer = context.CreateReplyWriter("a(ia{sv})");
                try
                {
                    var array = writer.WriteArrayStart(DBusType.Struct);
                    foreach (var item in ids.Length == 0 ? All(root) : ids.Select(root.Find).OfType<MenuItem>())
                    {
                        writer.WriteStructureStart();
                        writer.WriteInt32(item.Id);
                        DBusValues.WriteDictionary(ref writer, item.Properties());
                    }

                    writer.WriteArrayEnd(array);
                    context.Reply(writer.CreateMessage());
                }
                finally
                {
                    writer.Dispose();
                }

                return;
            }

            case "GetProperty":
            {
                var item = root.Find(reader.ReadInt32());
                var name = reader.ReadString();
                var value = item?.Properties().FirstOrDefault(p => p.Key == name).Value;
                if (value is null)
                {
                    context.ReplyError("org.freedesktop.DBus.Error.InvalidArgs", $"no property {name} on that item");
                    return;
                }

                var writer = context.CreateReplyWriter("v");
                try
                {
                    DBusValues.WriteVariant(ref writer, value);
                    context.Reply(writer.CreateMessage());
                }
                finally
                {
                    writer.Dispose();
                }

                return;
            }

            case "Event":
            {
                var id = reader.ReadInt32();
                var kind = reader.ReadString();
                Empty(context);
                if (kind == "clicked")
                {
                    menu.Click(id, state());
                }

                return;
            }

            case "EventGroup":
            {
                var clicks = new List<int>();
                var errors = new List<int>();
                var end = reader.ReadArrayStart(DBusType.Struct);
                while (reader.HasNext(end))
                {
                    reader.AlignStruct();
                    var id = reader.ReadInt32();
                    var kind = reader.ReadString();
                    reader.ReadVariantValue();
                    reader.ReadUInt32();
                    if (root.Find(id) is null)
                    {
                        errors.Add(id);
                    }
                    else if (kind == "clicked")
                    {
                        clicks.Add(id);
                    }
                }

                using (var writer = context.CreateReplyWriter("ai"))
                {
                    writer.WriteArray(errors.ToArray());
                    context.Reply(writer.CreateMessage());
                }

                foreach (var id in clicks)
                {
                    menu.Click(id, state());
                }

                return;
            }

            case "AboutToShow":
            {
                var id = reader.ReadInt32();
                var update = id is 0 or TrayMenu.SourceId && menu.RefreshDevices();
                using (var writer = context.CreateReplyWriter("b"))
                {
                    writer.WriteBool(update);
                    context.Reply(writer.CreateMessage());
                }

                if (update)
                {
                    Changed(context.DBusConnection);
                }

                return;
            }

            case "AboutToShowGroup":
            {
                var ids = reader.ReadArrayOfInt32();
                var update = ids.Any(id => id is 0 or TrayMenu.SourceId) && menu.RefreshDevices();
                using (var writer = context.CreateReplyWriter("aiai"))
                {
                    writer.WriteArray(update ? [TrayMenu.SourceId] : System.Array.Empty<int>());
                    writer.WriteArray(System.Array.Empty<int>());
                    context.Reply(writer.CreateMessage());
                }

                if (update)
                {
                    Changed(context.DBusConnection);
                }

                return;
            }
        }
    }

    private static void Empty(MethodContext context)
    {
        using var writer = context.CreateReplyWriter(null);
        context.Reply(writer.CreateMessage());
    }

    private static IEnumerable<MenuItem> All(MenuItem item) => [item, .. (item.Children ?? []).SelectMany(All)];

    private static void WriteLayout(ref MessageWriter writer, MenuItem item, int depth)
    {
        writer.WriteStructureStart();
        writer.WriteInt32(item.Id);
        DBusValues.WriteDictionary(ref writer, item.Properties());
        var children = writer.WriteArrayStart(DBusType.Variant);
        if (depth != 0)
        {
            foreach (var child in item.Children ?? [])
            {
                writer.WriteSignature(LayoutSignature);
                WriteLayout(ref writer, child, depth - 1);
            }
        }

        writer.WriteArrayEnd(children);
    }

    private bool WriteProperty(ref MessageWriter writer, string name)
    {
        switch (name)
        {
            case "Version":
                writer.WriteVariantUInt32(3);
                return true;
            case "TextDirection":
                writer.WriteVariantString("ltr");
                return true;
            case "Status":
                writer.WriteVariantString("normal");
                return true;
            case "IconThemePath":
                DBusValues.WriteVariant(ref writer, System.Array.Empty<string>());
                return true;
            default:
                return false;
        }
    }
}
