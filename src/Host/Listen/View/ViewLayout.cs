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

        // A tall terminal: the rows left over show what was playing before, newest first.
        var used = 2 + (large ? GenreHeadline.LargeHeight : 1) + 1 + state.Labels.Count + 4;
        if (height - used >= MinTimelineRows)
        {
            rows.Add(Timeline(state, height - used, inner));
        }

        return new Panel(new Rows(rows))
            .Header(" genre listen ")
            .RoundedBorder()
            .BorderColor(Color.Grey)
            .Expand();
    }

    /// <summary>"78%": whole percent, no culture's space before the sign.</summary>
    internal static string Percent(double fraction) => WholePercent(fraction).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A probability as a whole percent: the one rounding of the headline and the bars.</summary>
    internal static double WholePercent(double fraction) => Math.Round(fraction * 100, MidpointRounding.AwayFromZero);

    private static Markup Confidence(ViewState state)
    {
        if (state.Current is not { } genre)
        {
            return new Markup(state.Silent ? "[grey]no music yet[/]" : "[grey]waiting for the first window[/]");
        }

        // The value of the genre's own bar, so the two never show different percents.
        var confidence = Percent(state.SmoothedOf(genre, state.CurrentConfidence));
        if (state.Silent)
        {
            return new Markup($"[grey]silence · holding {Markup.Escape(genre)} ({confidence})[/]");
        }

        // During the hold another genre already leads the bars: say so rather than contradict them.
        return !state.Unknown && state.Top is { } top && top != genre
            ? new Markup($"[bold]{Markup.Escape(genre)}[/] · confidence [bold]{confidence}[/] · [yellow]changing to {Markup.Escape(top)} ({Percent(state.SmoothedOf(top, 0))})[/]")
            : new Markup($"[bold]{Markup.Escape(genre)}[/] · confidence [bold]{confidence}[/]");
    }

    /// <summary>Rows worth a timeline: its title and two genres.</summary>
    private const int MinTimelineRows = 3;

    /// <summary>The title "recent" and up to <paramref name="rows"/> − 1 spells, newest first: audio times, the genre, a bar as long as it lasted.</summary>
    private static Rows Timeline(ViewState state, int rows, int width)
    {
        var lines = new List<IRenderable> { new Markup("[grey]recent[/]") };
        var spells = state.Recent.Reverse().Take(rows - 1).ToArray();
        var longest = spells.Length == 0 ? 1 : Math.Max(1, spells.Max(s => s.To - s.From));
        var nameWidth = Math.Max(7, state.Labels.Count == 0 ? 7 : state.Labels.Max(l => l.Length));
        foreach (var spell in spells)
        {
            var span = $"{Clock(TimeSpan.FromSeconds(spell.From)),5}–{Clock(TimeSpan.FromSeconds(spell.To)),-5}";
            var prefix = $"  {span}  {spell.Genre.PadRight(nameWidth)} ";
            var room = Math.Max(width - prefix.Length - 6, 0);
            var bar = new string('▬', (int)Math.Round(room * (spell.To - spell.From) / longest));
            var seconds = Seconds(spell.To - spell.From);
            var line = $"{prefix}{bar} {seconds}";
            var shown = line.Length <= width ? line : string.Concat(line.AsSpan(0, Math.Max(width - 1, 0)), "…");
            var colour = spell.Genre is "silence" or "unknown" ? "grey" : "steelblue";
            lines.Add(new Markup($"[{colour}]{Markup.Escape(shown)}[/]"));
        }

        // The panel reaches the bottom of the screen even while there is little to show yet.
        while (lines.Count < rows)
        {
            lines.Add(new Text(" "));
        }

        return new Rows(lines);
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
