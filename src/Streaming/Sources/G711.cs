namespace GenreStream.Streaming.Sources;

/// <summary>G.711 µ-law and A-law expansion to floats in -1..1, as 256-entry tables built once.</summary>
/// <remarks>Follows the reference expansion (Sun's g711.c): µ-law peaks at ±32124/32768, A-law at ±32256/32768.</remarks>
internal static class G711
{
    private const int MuLawBias = 0x84;

    public static ReadOnlySpan<float> MuLawTable => MuLaw;

    public static ReadOnlySpan<float> ALawTable => ALaw;

    private static readonly float[] MuLaw = BuildTable(ExpandMuLaw);

    private static readonly float[] ALaw = BuildTable(ExpandALaw);

    /// <summary>Expands one µ-law byte to a 16-bit linear value.</summary>
    public static int ExpandMuLaw(byte code)
    {
        var u = ~code & 0xFF;
        var t = (((u & 0x0F) << 3) + MuLawBias) << ((u & 0x70) >> 4);
        return (u & 0x80) != 0 ? MuLawBias - t : t - MuLawBias;
    }

    /// <summary>Expands one A-law byte to a 16-bit linear value.</summary>
    public static int ExpandALaw(byte code)
    {
        var a = code ^ 0x55;
        var t = (a & 0x0F) << 4;
        var segment = (a & 0x70) >> 4;
        t = segment switch
        {
            0 => t + 8,
            1 => t + 0x108,
            _ => (t + 0x108) << (segment - 1),
        };
        return (a & 0x80) != 0 ? t : -t;
    }

    private static float[] BuildTable(Func<byte, int> expand)
    {
        var table = new float[256];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = expand((byte)i) / 32768f;
        }

        return table;
    }
}
