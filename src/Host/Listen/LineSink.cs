using GenreStream.Host.Live;

namespace GenreStream.Host.Listen;

/// <summary>One line per event, flushed at once: JSON (<see cref="LiveEventJson"/>) or text (<see cref="LiveEventText"/>).</summary>
internal sealed class LineSink(TextWriter output, bool json) : IListenSink
{
    private readonly Lock _gate = new();

    public double LastTime { get; private set; }

    public void Write(LiveEvent e)
    {
        var line = json ? LiveEventJson.ToJson(e) : LiveEventText.ToLine(e);
        lock (_gate)
        {
            LastTime = Math.Max(LastTime, e.Time);
            output.WriteLine(line);
            output.Flush();
        }
    }

    public void Finish()
    {
    }

    public void Dispose()
    {
    }
}
