namespace GenreStream.Host.Tray;

/// <summary>The tray icon's colour and letter for each genre (and for the states without one).</summary>
internal static class GenrePalette
{
    /// <summary>Colours as 0xRRGGBB, one per GTZAN genre: distinct hues, each dark enough for a white letter.</summary>
    private static readonly Dictionary<string, uint> Colours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["blues"] = 0x1F4FB4,
        ["classical"] = 0x8A6D1C,
        ["country"] = 0xA0522D,
        ["disco"] = 0xC2185B,
        ["hiphop"] = 0x6A1B9A,
        ["jazz"] = 0x00796B,
        ["metal"] = 0x37474F,
        ["pop"] = 0xE65100,
        ["reggae"] = 0x2E7D32,
        ["rock"] = 0xB71C1C,
    };

    /// <summary>Grey: no genre to show (waiting, silence, unknown, paused, ended).</summary>
    public const uint Neutral = 0x616161;

    /// <summary>The colour of <paramref name="genre"/> as 0xRRGGBB; a genre of another model gets a colour of its own from its name.</summary>
    public static uint Colour(string genre)
    {
        if (Colours.TryGetValue(genre, out var rgb))
        {
            return rgb;
        }

        // A model with other labels: a stable hue from the name, kept dark.
        var hash = 0u;
        foreach (var c in genre)
        {
            hash = (hash * 31) + c;
        }

        return ((hash & 0x7F0000) | (hash & 0x007F00) | (hash & 0x00007F)) + 0x202020;
    }

    /// <summary>The letter drawn for <paramref name="genre"/>: its first letter, upper case.</summary>
    public static char Letter(string genre) => genre.Length == 0 ? '?' : char.ToUpperInvariant(genre[0]);
}
