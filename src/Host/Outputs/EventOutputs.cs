using System.Text.Json;
using GenreStream.Host.Live;

namespace GenreStream.Host.Outputs;

/// <summary>Every configured output, fed from one place: each event is posted to each output's own queue.</summary>
internal sealed class EventOutputs(IReadOnlyList<EventOutput> outputs) : IDisposable
{
    /// <summary>No outputs.</summary>
    public static EventOutputs None { get; } = new([]);

    public IReadOnlyList<EventOutput> All => outputs;

    /// <summary>Starts every output's sending thread.</summary>
    public void Start()
    {
        foreach (var output in outputs)
        {
            output.Start();
        }
    }

    /// <summary>Queues <paramref name="e"/> for every output; never waits.</summary>
    public void Post(LiveEvent e)
    {
        foreach (var output in outputs)
        {
            output.Post(e);
        }
    }

    /// <summary>Writes <c>[{"name","sent","dropped","failed"},…]</c>.</summary>
    public void WriteFigures(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var output in outputs)
        {
            writer.WriteStartObject();
            writer.WriteString("name", output.Name);
            writer.WriteNumber("sent", output.Sent);
            writer.WriteNumber("dropped", output.Dropped);
            writer.WriteNumber("failed", output.Failed);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Sends what is queued (each output for at most <paramref name="patience"/>, all at once: many streams' outputs stop in one patience, not one after another) and stops.</summary>
    public void Complete(TimeSpan patience)
    {
        foreach (var output in outputs)
        {
            output.EndQueue(); // every output starts sending its last events now
        }

        var until = Environment.TickCount64 + (long)patience.TotalMilliseconds;
        foreach (var output in outputs)
        {
            output.Complete(TimeSpan.FromMilliseconds(Math.Max(0, until - Environment.TickCount64)));
        }
    }

    public void Dispose()
    {
        foreach (var output in outputs)
        {
            output.Dispose();
        }
    }
}
