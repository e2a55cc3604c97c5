using System.Buffers;
using System.Text;
using System.Text.Json;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Live;

/// <summary>
/// The wire form of <see cref="LiveEvent"/>s: one JSON object per event, on one line, every one starting
/// <c>{"type","schema_version","timestamp","time"[,"stream"],…}</c> (<c>stream</c> from <c>genre serve</c>):
/// <c>{"type":"genre",…,"genre","confidence","top","top_confidence","current","current_confidence","silent","status","probabilities":{…},"smoothed":{…},"level"[,"latency_ms"]}</c>,
/// <c>{"type":"change",…,"from","to","confidence"}</c>, <c>{"type":"silence",…,"state":"silence|music","level"}</c>,
/// <c>{"type":"source",…,"state","detail","dropped"}</c>. <c>genre</c> is the settled (current) genre everywhere; the
/// top smoothed genre is <c>top</c>. The JSON Schema of them all is <c>events.schema.json</c> (<see cref="EventSchema"/>).
/// </summary>
internal static class LiveEventJson
{
    /// <summary>The version of the event format, published as <c>schema_version</c>: 2 since <c>genre</c> became the settled genre and <c>timestamp</c> was added.</summary>
    public const int SchemaVersion = 2;

    /// <summary>
    /// How events are written: text as it is (an apostrophe stays <c>'</c>, not <c>\u0027</c>). The relaxed encoder is
    /// right here because the events go out as JSON (lines, SSE, WebSocket, MQTT), never inside HTML.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the event as one line of JSON (no line break) into <paramref name="writer"/>, reset onto <paramref name="buffer"/> (both reused, so nothing is allocated for the text).</summary>
    public static void Write(ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer, LiveEvent e)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        Write(writer, e);
        writer.Flush();
    }

    /// <summary>The event as one line of JSON (no line break).</summary>
    public static string ToJson(LiveEvent e)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, e);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The event's <c>type</c> field.</summary>
    public static string Type(LiveEvent e) => e switch
    {
        GenreUpdate => "genre",
        GenreChanged => "change",
        SilenceChanged => "silence",
        SourceChanged => "source",
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "unknown event"),
    };

    public static void Write(Utf8JsonWriter writer, LiveEvent e)
    {
        writer.WriteStartObject();
        writer.WriteString("type", Type(e));
        writer.WriteNumber("schema_version", SchemaVersion);
        if (e.Timestamp is { } stamp)
        {
            WriteTimestamp(writer, stamp);
        }

        writer.WriteNumber("time", Math.Round(e.Time, 3));
        if (e.Stream is { } stream)
        {
            writer.WriteString("stream", stream);
        }

        switch (e)
        {
            case GenreUpdate g:
                writer.WriteString("genre", g.Current);
                writer.WriteNumber("confidence", g.CurrentConfidence);
                writer.WriteString("top", g.Genre);
                writer.WriteNumber("top_confidence", g.Confidence);
                writer.WriteString("current", g.Current);
                writer.WriteNumber("current_confidence", g.CurrentConfidence);
                writer.WriteBoolean("silent", g.Silent);
                writer.WriteString("status", g.Status.Name());
                WriteProbabilities(writer, "probabilities", g.Labels, g.Probabilities);
                WriteProbabilities(writer, "smoothed", g.Labels, g.Smoothed);
                writer.WriteNumber("level", Math.Round(g.Level, 2));
                if (g.LatencyMs is { } ms)
                {
                    writer.WriteNumber("latency_ms", Math.Round(ms, 3));
                }

                break;
            case GenreChanged c:
                writer.WriteString("from", c.From);
                writer.WriteString("to", c.To);
                writer.WriteNumber("confidence", c.Confidence);
                break;
            case SilenceChanged s:
                writer.WriteString("state", s.Silent ? "silence" : "music");
                writer.WriteNumber("level", Math.Round(s.Level, 2));
                break;
            case SourceChanged s:
                writer.WriteString("state", s.State.Name());
                writer.WriteString("detail", s.Detail);
                writer.WriteNumber("dropped", Math.Round(s.DroppedSeconds, 3));
                break;
        }

        writer.WriteEndObject();
    }

    /// <summary><c>"timestamp":"2026-12-06T10:17:25.123Z"</c>: ISO 8601, UTC, milliseconds; formatted on the stack.</summary>
    private static void WriteTimestamp(Utf8JsonWriter writer, DateTimeOffset stamp)
    {
        Span<char> text = stackalloc char[32];
        stamp.UtcDateTime.TryFormat(text, out var length, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        writer.WriteString("timestamp", text[..length]);
    }

    private static void WriteProbabilities(Utf8JsonWriter writer, string name, IReadOnlyList<string> labels, float[] values)
    {
        writer.WriteStartObject(name);
        for (var k = 0; k < labels.Count; k++)
        {
            writer.WriteNumber(labels[k], values[k]);
        }

        writer.WriteEndObject();
    }
}
