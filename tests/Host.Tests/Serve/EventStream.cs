using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace GenreStream.Host.Tests.Serve;

/// <summary>Reads <c>genre serve</c>'s events as a client would: Server-Sent Events or WebSocket.</summary>
internal static class EventStream
{
    /// <summary>Reads SSE <c>data:</c> events from <c>/events</c> until <paramref name="enough"/> says stop.</summary>
    public static async Task<List<JsonElement>> ReadSse(HttpClient client, Func<List<JsonElement>, bool> enough, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var response = await client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var events = new List<JsonElement>();
        while (!enough(events))
        {
            var line = await reader.ReadLineAsync(cancel.Token) ?? throw new InvalidDataException("the event stream ended");
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                using var json = JsonDocument.Parse(line["data: ".Length..]);
                events.Add(json.RootElement.Clone());
            }
        }

        return events;
    }

    /// <summary>Reads <paramref name="count"/> events from <c>/ws</c>.</summary>
    public static async Task<List<JsonElement>> ReadWebSocket(Uri url, int count, TimeSpan timeout, string query = "")
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{url.Authority}/ws{query}"), cancel.Token);
        var events = new List<JsonElement>();
        var buffer = new byte[64 * 1024];
        while (events.Count < count)
        {
            var length = 0;
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), cancel.Token);
                length += result.Count;
            }
            while (!result.EndOfMessage);

            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, length));
            events.Add(json.RootElement.Clone());
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        return events;
    }

    public static string Type(JsonElement e) => e.GetProperty("type").GetString()!;
}
