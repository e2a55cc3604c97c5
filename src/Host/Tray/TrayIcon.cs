using System.Buffers.Binary;

namespace GenreStream.Host.Tray;

/// <summary>
/// The icon drawn in code: a disc in the genre's colour with its letter in white (grey with '-' for
/// silence, '?' for unknown or waiting, two bars for paused, '!' in red for a lost source). Pixels are
/// ARGB32 in network byte order, as the StatusNotifierItem <c>IconPixmap</c> property carries them.
/// </summary>
internal static class TrayIcon
{
    /// <summary>The sizes offered; the host picks the nearest.</summary>
    public static readonly int[] Sizes = [22, 32, 48];

    /// <summary>What to draw for <paramref name="state"/>: the disc's colour (0xRRGGBB) and the glyph ('|' is the pause bars).</summary>
    public static (uint Colour, char Glyph) Look(TrayState state) => state.Activity switch
    {
        TrayActivity.Music when state.Genre is { } genre => (GenrePalette.Colour(genre), GenrePalette.Letter(genre)),
        TrayActivity.Silence => (GenrePalette.Neutral, '-'),
        TrayActivity.Paused => (GenrePalette.Neutral, '|'),
        TrayActivity.Lost => (0xC62828, '!'),
        TrayActivity.Ended => (GenrePalette.Neutral, '-'),
        _ => (GenrePalette.Neutral, '?'),
    };

    /// <summary>The ARGB32 pixels (big-endian, row by row) of a <paramref name="size"/>×<paramref name="size"/> icon.</summary>
    public static byte[] Draw(uint colour, char glyph, int size)
    {
        var pixels = new byte[size * size * 4];
        var centre = (size - 1) / 2.0;
        var radius = size / 2.0;
        // The letter fills about 60% of the height, in whole pixels per font pixel.
        var scale = Math.Max(1, (int)(size * 0.6 / PixelFont.Height));
        var left = (size - (PixelFont.Width * scale)) / 2;
        var top = (size - (PixelFont.Height * scale)) / 2;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var distance = Math.Sqrt(((x - centre) * (x - centre)) + ((y - centre) * (y - centre)));
                // Anti-aliased edge: full inside, fading over the last pixel.
                var alpha = Math.Clamp(radius - distance, 0, 1);
                if (alpha <= 0)
                {
                    continue;
                }

                var rgb = IsGlyph(glyph, x - left, y - top, scale, size) ? 0xFFFFFFu : colour;
                var argb = ((uint)Math.Round(alpha * 255) << 24) | rgb;
                BinaryPrimitives.WriteUInt32BigEndian(pixels.AsSpan(((y * size) + x) * 4), argb);
            }
        }

        return pixels;
    }

    private static bool IsGlyph(char glyph, int x, int y, int scale, int size)
    {
        if (glyph == '|')
        {
            // Pause: two upright bars.
            var third = size / 3;
            var bar = Math.Max(2, size / 7);
            var inRows = y >= 0 && y < PixelFont.Height * scale;
            var column = x + ((size - (PixelFont.Width * scale)) / 2);
            return inRows && ((column >= third - (bar / 2) && column < third + bar - (bar / 2)) || (column >= size - third - (bar / 2) && column < size - third + bar - (bar / 2)));
        }

        if (x < 0 || y < 0 || x >= PixelFont.Width * scale || y >= PixelFont.Height * scale)
        {
            return false;
        }

        return PixelFont.IsSet(glyph, x / scale, y / scale);
    }
}
