using System.Collections.Concurrent;
using Tmds.DBus.Protocol;

namespace GenreStream.Host.Tests.Notifications;

/// <summary>
/// A notification server on a test's own session bus: owns <c>org.freedesktop.Notifications</c>, records every
/// <c>Notify</c> call and answers as a desktop would (a new id for <c>replaces_id</c> 0, else the same id).
/// </summary>
internal sealed class FakeNotificationServer : IPathMethodHandler, IDisposable
{
    private const string Interface = "org.freedesktop.Notifications";
    private readonly DBusConnection _connection;
    private uint _nextId = 41;

    private FakeNotificationServer(DBusConnection connection) => _connection = connection;

    /// <summary>One <c>Notify</c> call as received, with the id answered.</summary>
    public sealed record Call(string AppName, uint ReplacesId, string Summary, string Body, uint Answered);

    public ConcurrentQueue<Call> Calls { get; } = new();

    public string Path => "/org/freedesktop/Notifications";

    public bool HandlesChildPaths => false;

    public static async Task<FakeNotificationServer> Start(string address)
    {
        var connection = new DBusConnection(address);
        await connection.ConnectAsync();
        var server = new FakeNotificationServer(connection);
        connection.AddMethodHandler(server);
        await connection.RequestNameAsync(Interface, RequestNameOptions.Default);
        return server;
    }

    public ValueTask HandleMethodAsync(MethodContext context)
    {
        var request = context.Request;
        if (request.InterfaceAsString == Interface && request.MemberAsString == "Notify" && request.SignatureAsString == "susssasa{sv}i")
        {
            var reader = request.GetBodyReader();
            var app = reader.ReadString();
            var replaces = reader.ReadUInt32();
            reader.ReadString(); // icon
            var summary = reader.ReadString();
            var body = reader.ReadString();
            var id = replaces != 0 ? replaces : Interlocked.Increment(ref _nextId);
            Calls.Enqueue(new Call(app, replaces, summary, body, id));
            using var writer = context.CreateReplyWriter("u");
            writer.WriteUInt32(id);
            context.Reply(writer.CreateMessage());
        }
        else if (request.InterfaceAsString == Interface && request.MemberAsString == "GetServerInformation")
        {
            using var writer = context.CreateReplyWriter("ssss");
            writer.WriteString("fake");
            writer.WriteString("genre tests");
            writer.WriteString("1");
            writer.WriteString("1.2");
            context.Reply(writer.CreateMessage());
        }

        return default;
    }

    public void Dispose() => _connection.Dispose();
}
