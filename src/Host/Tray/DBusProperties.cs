using System.Text;
using Tmds.DBus.Protocol;

namespace GenreStream.Host.Tray;

/// <summary>Answers <c>org.freedesktop.DBus.Properties</c> (Get, GetAll; Set is refused: every property is read-only) for one interface of an object.</summary>
internal static class DBusProperties
{
    /// <summary>Writes the named property as a variant; false when there is no such property.</summary>
    public delegate bool PropertyWriter(ref MessageWriter writer, string name);

    public static readonly ReadOnlyMemory<byte> Xml = Encoding.UTF8.GetBytes(
        """
        <interface name="org.freedesktop.DBus.Properties">
          <method name="Get"><arg name="interface" type="s" direction="in"/><arg name="name" type="s" direction="in"/><arg name="value" type="v" direction="out"/></method>
          <method name="GetAll"><arg name="interface" type="s" direction="in"/><arg name="properties" type="a{sv}" direction="out"/></method>
          <method name="Set"><arg name="interface" type="s" direction="in"/><arg name="name" type="s" direction="in"/><arg name="value" type="v" direction="in"/></method>
          <signal name="PropertiesChanged"><arg name="interface" type="s"/><arg name="changed" type="a{sv}"/><arg name="invalidated" type="as"/></signal>
        </interface>

        """);

    public static void Handle(MethodContext context, string @interface, IReadOnlyList<string> names, PropertyWriter write)
    {
        var reader = context.Request.GetBodyReader();
        switch (context.Request.MemberAsString)
        {
            case "Get":
            {
                var asked = reader.ReadString();
                var name = reader.ReadString();
                if (asked != @interface || !names.Contains(name))
                {
                    context.ReplyError("org.freedesktop.DBus.Error.UnknownProperty", $"no property {asked}.{name}");
                    return;
                }

                var writer = context.CreateReplyWriter("v");
                try
                {
                    write(ref writer, name);
                    context.Reply(writer.CreateMessage());
                }
                finally
                {
                    writer.Dispose();
                }

                return;
            }

            case "GetAll":
            {
                var asked = reader.ReadString();
                var writer = context.CreateReplyWriter("a{sv}");
                try
                {
                    var dictionary = writer.WriteDictionaryStart();
                    if (asked == @interface)
                    {
                        foreach (var name in names)
                        {
                            writer.WriteDictionaryEntryStart();
                            writer.WriteString(name);
                            write(ref writer, name);
                        }
                    }

                    writer.WriteDictionaryEnd(dictionary);
                    context.Reply(writer.CreateMessage());
                }
                finally
                {
                    writer.Dispose();
                }

                return;
            }

            case "Set":
                context.ReplyError("org.freedesktop.DBus.Error.PropertyReadOnly", "the tray's properties are read-only");
                return;
        }
    }
}
