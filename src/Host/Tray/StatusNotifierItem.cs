using System.Text;
using Tmds.DBus.Protocol;

namespace GenreStream.Host.Tray;

/// <summary>
/// The <c>org.kde.StatusNotifierItem</c> object at <c>/StatusNotifierItem</c>: the icon (drawn ARGB32
/// pixmaps), the tooltip (genre and confidence, or silence, unknown, paused), the status, the menu's path,
/// and the clicks a tray host sends (<c>Activate</c>, <c>SecondaryActivate</c>, <c>ContextMenu</c>, <c>Scroll</c>).
/// Its properties are read through <c>org.freedesktop.DBus.Properties</c>; a change is announced by the
/// <c>NewIcon</c>, <c>NewToolTip</c> and <c>NewStatus</c> signals (<see cref="Announce"/>).
/// </summary>
internal sealed class StatusNotifierItem(Func<TrayState> state, Action activate) : IPathMethodHandler
{
    public const string ObjectPath = "/StatusNotifierItem", Interface = "org.kde.StatusNotifierItem";

    private static readonly string[] PropertyNames =
    [
        "Category", "Id", "Title", "Status", "WindowId", "IconThemePath", "IconName", "IconPixmap", "OverlayIconName",
        "OverlayIconPixmap", "AttentionIconName", "AttentionIconPixmap", "AttentionMovieName", "ToolTip", "ItemIsMenu", "Menu",
    ];

    private static readonly ReadOnlyMemory<byte> Xml = Encoding.UTF8.GetBytes(
        $"""
        <interface name="{Interface}">
          <property name="Category" type="s" access="read"/><property name="Id" type="s" access="read"/>
          <property name="Title" type="s" access="read"/><property name="Status" type="s" access="read"/>
          <property name="WindowId" type="i" access="read"/><property name="IconThemePath" type="s" access="read"/>
          <property name="IconName" type="s" access="read"/><property name="IconPixmap" type="a(iiay)" access="read"/>
          <property name="OverlayIconName" type="s" access="read"/><property name="OverlayIconPixmap" type="a(iiay)" access="read"/>
          <property name="AttentionIconName" type="s" access="read"/><property name="AttentionIconPixmap" type="a(iiay)" access="read"/>
          <property name="AttentionMovieName" type="s" access="read"/><property name="ToolTip" type="(sa(iiay)ss)" access="read"/>
          <property name="ItemIsMenu" type="b" access="read"/><property name="Menu" type="o" access="read"/>
          <method name="ContextMenu"><arg name="x" type="i" direction="in"/><arg name="y" type="i" direction="in"/></method>
          <method name="Activate"><arg name="x" type="i" direction="in"/><arg name="y" type="i" direction="in"/></method>
          <method name="SecondaryActivate"><arg name="x" type="i" direction="in"/><arg name="y" type="i" direction="in"/></method>
          <method name="Scroll"><arg name="delta" type="i" direction="in"/><arg name="orientation" type="s" direction="in"/></method>
          <signal name="NewTitle"/><signal name="NewIcon"/><signal name="NewAttentionIcon"/><signal name="NewOverlayIcon"/>
          <signal name="NewToolTip"/><signal name="NewStatus"><arg name="status" type="s"/></signal>
        </interface>

        """);

    public string Path => ObjectPath;

    public bool HandlesChildPaths => false;

    public ValueTask HandleMethodAsync(MethodContext context)
    {
        var request = context.Request;
        if (context.IsDBusIntrospectRequest)
        {
            context.ReplyIntrospectXml([Xml, DBusProperties.Xml]);
            return ValueTask.CompletedTask;
        }

        if (context.IsPropertiesInterfaceRequest)
        {
            DBusProperties.Handle(context, Interface, PropertyNames, WriteProperty);
            return ValueTask.CompletedTask;
        }

        if (request.InterfaceAsString != Interface)
        {
            return ValueTask.CompletedTask; // disposing the context replies UnknownMethod
        }

        switch (request.MemberAsString)
        {
            case "Activate":
                Reply(context);
                activate();
                break;
            case "SecondaryActivate" or "ContextMenu" or "Scroll":
                Reply(context); // the host shows the menu itself (ItemIsMenu is false, Menu is set)
                break;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Tells the hosts what changed between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static void Announce(DBusConnection connection, TrayState before, TrayState after)
    {
        if (TrayIcon.Look(before) != TrayIcon.Look(after))
        {
            Signal(connection, "NewIcon");
        }

        if (before.Title != after.Title || before.Body != after.Body)
        {
            Signal(connection, "NewToolTip");
        }

        if (before.ItemStatus != after.ItemStatus)
        {
            using var writer = connection.GetMessageWriter();
            writer.WriteSignalHeader(null, ObjectPath, Interface, "NewStatus", "s");
            writer.WriteString(after.ItemStatus);
            connection.TrySendMessage(writer.CreateMessage());
        }
    }

    private static void Signal(DBusConnection connection, string member)
    {
        using var writer = connection.GetMessageWriter();
        writer.WriteSignalHeader(null, ObjectPath, Interface, member, null);
        connection.TrySendMessage(writer.CreateMessage());
    }

    private static void Reply(MethodContext context)
    {
        using var writer = context.CreateReplyWriter(null);
        context.Reply(writer.CreateMessage());
    }

    private bool WriteProperty(ref MessageWriter writer, string name)
    {
        var now = state();
        switch (name)
        {
            case "Category":
                writer.WriteVariantString("ApplicationStatus");
                break;
            case "Id":
                writer.WriteVariantString("genre");
                break;
            case "Title":
                writer.WriteVariantString(now.Title);
                break;
            case "Status":
                writer.WriteVariantString(now.ItemStatus);
                break;
            case "WindowId":
                writer.WriteVariantInt32(0);
                break;
            case "IconThemePath" or "IconName" or "OverlayIconName" or "AttentionIconName" or "AttentionMovieName":
                writer.WriteVariantString(string.Empty);
                break;
            case "IconPixmap":
                writer.WriteSignature("a(iiay)");
                WritePixmaps(ref writer, now);
                break;
            case "OverlayIconPixmap" or "AttentionIconPixmap":
                writer.WriteSignature("a(iiay)");
                writer.WriteArrayEnd(writer.WriteArrayStart(DBusType.Struct));
                break;
            case "ToolTip":
                writer.WriteSignature("(sa(iiay)ss)");
                writer.WriteStructureStart();
                writer.WriteString(string.Empty);
                writer.WriteArrayEnd(writer.WriteArrayStart(DBusType.Struct));
                writer.WriteString(now.Title);
                writer.WriteString(now.Body);
                break;
            case "ItemIsMenu":
                writer.WriteVariantBool(false);
                break;
            case "Menu":
                writer.WriteVariantObjectPath(DBusMenu.ObjectPath);
                break;
            default:
                return false;
        }

        return true;
    }

    private static void WritePixmaps(ref MessageWriter writer, TrayState state)
    {
        var (colour, glyph) = TrayIcon.Look(state);
        var array = writer.WriteArrayStart(DBusType.Struct);
        foreach (var size in TrayIcon.Sizes)
        {
            writer.WriteStructureStart();
            writer.WriteInt32(size);
            writer.WriteInt32(size);
            writer.WriteArray(TrayIcon.Draw(colour, glyph, size));
        }

        writer.WriteArrayEnd(array);
    }
}
