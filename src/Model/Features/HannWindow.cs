namespace GenreStream.Model.Features;

/// <summary>The periodic Hann window (the DFT-even form used for spectral analysis, as scipy's <c>get_window('hann', n)</c>).</summary>
public static class HannWindow
{
    /// <summary>Returns w[i] = 0.5 - 0.5 cos(2πi/n), i = 0..n-1.</summary>
    public static float[] Create(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        var window = new float[length];
        for (var i = 0; i < length; i++)
        {
            window[i] = (float)(0.5 - (0.5 * Math.Cos(2 * Math.PI * i / length)));
        }

        return window;
    }
}
