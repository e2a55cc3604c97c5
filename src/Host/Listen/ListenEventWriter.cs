using System.Globalization;
using System.Text;
using System.Text.Json;
using GenreStream.Streaming.Smoothing;

namespace GenreStream.Host.Listen;

/// <summary>
/// Writes <c>genre listen</c>'s events, one per line, flushed: JSON for programs
/// (<c>{"type":"genre",...}</c>, <c>{"type":"source",...}</c>), or a short text line for people.
/// </summary>
/// <remarks>Thread-safe: live sources report their state from the capture thread.</remarks>
internal sealed class ListenEventWriter(TextWriter output, IReadOnlyList<string> labels, bool json)
{
    private readonly Lock _gate = new();

    /// <summary>A classification step: the top smoothed genre, its confidence, raw and smoothed probabilities, level.</summary>
    /// <param name="p">The step.</param>
    /// <param name="latency">With <c>--verbose</c>: time from the window's last sample entering the source to this event.</param>
    public void Genre(SmoothedPrediction p, TimeSpan? latency = null)
    {
        var smoothed = p.Smoothed.Span;
        var top = 0;
        for (var k = 1; k < smoothed.Length; k++)
        {
            top = smoothed[k] > smoothed[top] ? k : top;
        }

        var time = p.Raw.StartSeconds + p.Raw.DurationSeconds;
        if (!json)
        {
            lock (_gate)
            {
                var late = latency is { } l ? string.Create(CultureInfo.InvariantCulture, $"   latency {l.TotalMilliseconds,6:0.0} ms") : string.Empty;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{time,8:0.0} s  {labels[top],-10} {smoothed[top],6:P0}   level {p.Raw.LevelDecibels,6:0.0} dBFS{late}"));
                output.Flush();
            }

            return;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "genre");
            writer.WriteNumber("time", Math.Round(time, 3));
            writer.WriteString("genre", labels[top]);
            writer.WriteNumber("confidence", smoothed[top]);
            WriteProbabilities(writer, "probabilities", p.Raw.Probabilities.Span);
            WriteProbabilities(writer, "smoothed", smoothed);
            writer.WriteNumber("level", Math.Round(p.Raw.LevelDecibels, 2));
            if (latency is { } l)
            {
                writer.WriteNumber("latency_ms", Math.Round(l.TotalMilliseconds, 3));
            }

            writer.WriteEndObject();
        }

        WriteLine(buffer);
    }

    /// <summary>A change of the source's state: started, lost, recovered, ended, with seconds of audio dropped so far.</summary>
    public void Source(double time, string state, string detail, double droppedSeconds = 0)
    {
        if (!json)
        {
            var dropped = droppedSeconds > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({droppedSeconds:0.0} s of audio dropped so far)") : string.Empty;
            lock (_gate)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{time,8:0.0} s  source {state}: {detail}{dropped}"));
                output.Flush();
            }

            return;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "source");
            writer.WriteNumber("time", Math.Round(time, 3));
            writer.WriteString("state", state);
            writer.WriteString("detail", detail);
            writer.WriteNumber("dropped", Math.Round(droppedSeconds, 3));
            writer.WriteEndObject();
        }

        WriteLine(buffer);
    }

    private void WriteLine(MemoryStream json)
    {
        var line = Encoding.UTF8.GetString(json.GetBuffer(), 0, (int)json.Length);
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private void WriteProbabilities(Utf8JsonWriter writer, string name, ReadOnlySpan<float> values)
    {
        writer.WriteStartObject(name);
        for (var k = 0; k < labels.Count; k++)
        {
            writer.WriteNumber(labels[k], values[k]);
        }

        writer.WriteEndObject();
    }
}
