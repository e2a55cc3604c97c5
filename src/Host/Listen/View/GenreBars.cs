using Spectre.Console;

namespace GenreStream.Host.Listen.View;

/// <summary>One bar per genre for its smoothed probability, the current genre's bar highlighted.</summary>
internal static class GenreBars
{
    /// <param name="state">Genres and their smoothed probabilities.</param>
    /// <param name="sorted">Most likely first (true) or the model's fixed genre order.</param>
    /// <param name="width">Columns available, labels and values included.</param>
    public static BarChart Create(ViewState state, bool sorted, int width)
    {
        var order = Enumerable.Range(0, state.Labels.Count);
        if (sorted)
        {
            // Stable: equal probabilities (e.g. before the first window) keep the model's order.
            order = order.OrderByDescending(k => state.Smoothed[k]);
        }

        var chart = new BarChart()
            .Width(width)
            .WithMaxValue(100)
            .UseValueFormatter(v => v.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%");
        foreach (var k in order)
        {
            var label = state.Labels[k];
            var highlighted = label == state.Current && !state.Silent;
            // The whole percent the headline shows too: rounded once, here and there alike.
            chart.AddItem(label, ViewLayout.WholePercent(state.Smoothed[k]), highlighted ? Color.Yellow : Color.SteelBlue);
        }

        return chart;
    }
}
