using System.Globalization;

namespace GenreStream.Host.Listen.View;

/// <summary>The input level (Spectre markup) as a horizontal meter from <see cref="FloorDecibels"/> to 0 dBFS, with its value.</summary>
internal static class LevelMeter
{
    /// <summary>The level at the meter's left end, in dBFS.</summary>
    public const double FloorDecibels = -60;

    /// <summary>Columns taken by the value after the meter (" -23.4 dBFS").</summary>
    private const int ValueWidth = 11;

    /// <param name="level">RMS level in dBFS, or null before the first window.</param>
    /// <param name="width">Columns available, value included.</param>
    public static string Markup(double? level, int width)
    {
        var cells = Math.Max(width - ValueWidth, 1);
        if (level is not { } db)
        {
            return $"[grey]{new string('·', cells)}[/]{"--.- dBFS",ValueWidth}";
        }

        var filled = (int)Math.Round(Math.Clamp((db - FloorDecibels) / -FloorDecibels, 0, 1) * cells);
        var colour = db > -3 ? "red" : db > -12 ? "yellow" : "green";
        var value = string.Create(CultureInfo.InvariantCulture, $"{Math.Max(db, -99.9):0.0} dBFS");
        return $"[{colour}]{new string('█', filled)}[/][grey]{new string('·', cells - filled)}[/]{value,ValueWidth}";
    }
}
