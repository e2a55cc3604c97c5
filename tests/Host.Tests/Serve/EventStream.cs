using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace GenreStream.Host.Tests.Serve;

/// <summary>Reads <c>genre serve</c>'s events as a client would: Server-Sent Events or WebSocket.</summary>
internal static class EventStream
{
    /// <summary>Reads SSE <c>data:</c> events from <c>/events</c> until <paramref name="enough"/> says stop.</summary>
    public static async Task<List<JsonElement>> ReadSse(HttpClient client, Func<List<JsonElement>, bool> enough, TimeSpan timeout, string path = "/events")
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
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

    /// <summary>One Server-Sent Event as it came: its <c>id:</c>, <c>event:</c> and <c>data:</c> (parsed).</summary>
    public sealed record SseFrame(long Id, string Event, JsonElement Data);

    /// <summary>
    /// Reads whole SSE frames from <c>/events</c> (sending <c>Last-Event-ID</c> when <paramref name="lastEventId"/> is given)
    /// until <paramref name="enough"/> says stop.
    /// </summary>
    public static async Task<List<SseFrame>> ReadSseFrames(HttpClient client, string? lastEventId, Func<List<SseFrame>, bool> enough, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/events");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var frames = new List<SseFrame>();
        var fields = new Dictionary<string, string>();
        while (!enough(frames))
        {
            var line = await reader.ReadLineAsync(cancel.Token) ?? throw new InvalidDataException("the event stream ended");
            if (line.Length == 0)
            {
                if (fields.TryGetValue("data", out var data))
                {
                    using var json = JsonDocument.Parse(data);
                    frames.Add(new SseFrame(long.Parse(fields["id"], System.Globalization.CultureInfo.InvariantCulture), fields["event"], json.RootElement.Clone()));
                }

                fields.Clear();
            }
            else if (!line.StartsWith(':') && line.IndexOf(": ", StringComparison.Ordinal) is > 0 and var colon)
            {
                fields[line[..colon]] = line[(colon + 2)..];
            }
        }

        return frames;
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
