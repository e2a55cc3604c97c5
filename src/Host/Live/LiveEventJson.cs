using System.Buffers;
using System.Text;
using System.Text.Json;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Live;

/// <summary>
/// The wire form of <see cref="LiveEvent"/>s: one JSON object per event, on one line.
/// <c>{"type":"genre","time","genre","confidence","current","current_confidence","silent","status","probabilities":{…},"smoothed":{…},"level"[,"latency_ms"]}</c>,
/// <c>{"type":"change","time","from","to","confidence"}</c>, <c>{"type":"silence","time","state":"silence|music","level"}</c>,
/// <c>{"type":"source","time","state","detail","dropped"}</c>.
/// </summary>
internal static class LiveEventJson
{
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
        using (var writer = new Utf8JsonWriter(buffer))
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
        writer.WriteNumber("time", Math.Round(e.Time, 3));
        switch (e)
        {
            case GenreUpdate g:
                writer.WriteString("genre", g.Genre);
                writer.WriteNumber("confidence", g.Confidence);
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
