using GenreStream.Host.Cli;
using GenreStream.Host.Live;

namespace GenreStream.Host.Listen;

/// <summary>
/// The live terminal view of <c>genre listen</c>.
/// </summary>
/// <remarks>For now one text line per event; the full-screen view replaces this.</remarks>
internal sealed class LiveView(CliContext context, IReadOnlyList<string> labels, string source, DisplayOptions options) : IListenSink
{
    private readonly LineSink _lines = new(context.Out, json: false);

    public IReadOnlyList<string> Labels { get; } = labels;

    public string Source { get; } = source;

    public DisplayOptions Options { get; } = options;

    public double LastTime => _lines.LastTime;

    public void Write(LiveEvent e) => _lines.Write(e);

    public void Finish()
    {
    }

    public void Dispose()
    {
    }
}
