using Spectre.Console;
using Spectre.Console.Rendering;

namespace GenreStream.Host.Listen.View;

/// <summary>
/// The current genre, large (FIGlet letters) and highlighted when it fits the width, else on one bold line;
/// dimmed with "silence" while the stream is silent, and "listening…" before any music.
/// </summary>
internal sealed class GenreHeadline(string? genre, bool silent, bool large) : Renderable
{
    /// <summary>Lines taken by the large form.</summary>
    public static int LargeHeight => FigletFont.Default.Height;

    protected override IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        if (genre is null)
        {
            return ((IRenderable)new Markup(silent ? "[grey]silence[/]" : "[grey]listening…[/]")).Render(options, maxWidth);
        }

        var colour = silent ? Color.Grey : Color.Yellow;
        if (large)
        {
            IRenderable letters = new FigletText(genre.ToUpperInvariant()).Color(colour);
            var segments = letters.Render(options, maxWidth).ToList();

            // A word wider than the screen wraps onto more FIGlet rows: fall back to one line then.
            if (Segment.SplitLines(segments).Count <= LargeHeight)
            {
                return segments;
            }
        }

        IRenderable line = new Text($" {genre.ToUpperInvariant()} ", new Style(Color.Black, colour, Decoration.Bold));
        return line.Render(options, maxWidth);
    }
}
