using System.Globalization;
using GenreStream.Streaming.Sources;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace GenreStream.Host.Listen.View;

/// <summary>
/// Lays out one frame of the live view for a screen size: a panel holding the current genre (large when the
/// screen is tall enough), its confidence, ten genre bars, the level meter and the source's status.
/// Every line is shortened to the width rather than wrapped; nothing here touches the terminal.
/// </summary>
internal static class ViewLayout
{
    /// <summary>Lines with a one-line headline: border 2, headline 1, confidence 1, bars 10, status 4.</summary>
    private const int CompactHeight = 18;

    /// <summary>Columns taken by the panel's border and padding.</summary>
    private const int Frame = 4;

    /// <summary>Columns of a status line's name ("source ").</summary>
    private const int NameWidth = 7;

    /// <param name="state">What to show.</param>
    /// <param name="elapsed">Wall-clock time since the view started.</param>
    /// <param name="sortedBars">Bars most likely first, or in the model's order.</param>
    /// <param name="width">Screen columns.</param>
    /// <param name="height">Screen lines.</param>
    public static IRenderable Build(ViewState state, TimeSpan elapsed, bool sortedBars, int width, int height)
    {
        var inner = Math.Max(width - Frame, 1);
        var large = height >= CompactHeight + GenreHeadline.LargeHeight - 1;
        var rows = new List<IRenderable>
        {
            new GenreHeadline(state.Unknown ? "unknown" : state.Current, state.Silent || state.Unknown, large),
            Confidence(state),
            GenreBars.Create(state, sortedBars, inner),
            new Markup($"[grey]{"level",-NameWidth}[/]{LevelMeter.Markup(state.Level, inner - NameWidth)}"),
            Status("source", state.Source, inner),
            Status("state", State(state), inner),
            Status("time", $"elapsed {Clock(elapsed)} · audio {Seconds(state.AudioSeconds)}", inner),
        };
        return new Panel(new Rows(rows))
            .Header(" genre listen ")
            .RoundedBorder()
            .BorderColor(Color.Grey)
            .Expand();
    }

    /// <summary>"78%": whole percent, no culture's space before the sign.</summary>
    internal static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static Markup Confidence(ViewState state)
    {
        if (state.Current is not { } genre)
        {
            return new Markup(state.Silent ? "[grey]no music yet[/]" : "[grey]waiting for the first window[/]");
        }

        var confidence = Percent(state.CurrentConfidence);
        return state.Silent
            ? new Markup($"[grey]silence · holding {Markup.Escape(genre)} ({confidence})[/]")
            : new Markup($"[bold]{Markup.Escape(genre)}[/] · confidence [bold]{confidence}[/]");
    }

    private static string State(ViewState state)
    {
        var detail = state.SourceDetail.Length > 0 ? $" ({state.SourceDetail})" : "";
        var silence = state.Silent ? " · silence" : "";
        return $"{state.SourceState.Name()}{detail}{silence} · dropped {Seconds(state.DroppedSeconds)}";
    }

    /// <summary>One line: a grey name, then the value cut with "…" to the width.</summary>
    private static Markup Status(string name, string value, int width)
    {
        var room = Math.Max(width - NameWidth, 1);
        var shown = value.Length <= room ? value : string.Concat(value.AsSpan(0, room - 1), "…");
        return new Markup($"[grey]{name,-NameWidth}[/]{Markup.Escape(shown)}");
    }

    private static string Seconds(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Clock(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
        : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}:{t.Seconds:00}");
}
