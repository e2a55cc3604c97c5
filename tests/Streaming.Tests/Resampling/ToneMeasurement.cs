namespace GenreStream.Streaming.Tests.Resampling;

/// <summary>Measurements of a resampled tone: least-squares sine fit, RMS and zero crossings.</summary>
internal static class ToneMeasurement
{
    /// <summary>
    /// Least-squares fit of a·sin(ωn) + b·cos(ωn) + c to <paramref name="x"/>[start..end) with
    /// ω = 2π·frequency/sampleRate and n the absolute sample index; returns the peak amplitude √(a²+b²).
    /// </summary>
    public static double FitAmplitude(ReadOnlySpan<float> x, int start, int end, double frequencyHz, int sampleRate)
    {
        // Normal equations of the 3-parameter model, solved by Cramer's rule.
        double ss = 0, sc = 0, s1 = 0, cc = 0, c1 = 0, n1 = 0, ys = 0, yc = 0, y1 = 0;
        var omega = 2 * Math.PI * frequencyHz / sampleRate;
        for (var n = start; n < end; n++)
        {
            var s = Math.Sin(omega * n);
            var c = Math.Cos(omega * n);
            double y = x[n];
            ss += s * s; sc += s * c; s1 += s; cc += c * c; c1 += c; n1 += 1;
            ys += y * s; yc += y * c; y1 += y;
        }

        var det = Det(ss, sc, s1, sc, cc, c1, s1, c1, n1);
        var a = Det(ys, sc, s1, yc, cc, c1, y1, c1, n1) / det;
        var b = Det(ss, ys, s1, sc, yc, c1, s1, y1, n1) / det;
        return Math.Sqrt((a * a) + (b * b));
    }

    public static int ZeroCrossings(ReadOnlySpan<float> x)
    {
        var count = 0;
        for (var n = 1; n < x.Length; n++)
        {
            if ((x[n - 1] < 0) != (x[n] < 0))
            {
                count++;
            }
        }

        return count;
    }

    public static double Decibels(double ratio) => 20 * Math.Log10(ratio);

    private static double Det(double a, double b, double c, double d, double e, double f, double g, double h, double i) =>
        (a * ((e * i) - (f * h))) - (b * ((d * i) - (f * g))) + (c * ((d * h) - (e * g)));
}
