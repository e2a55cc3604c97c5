namespace GenreStream.Streaming.Resampling;

/// <summary>
/// The anti-aliasing interpolation kernel of <see cref="Resampler"/>: a Kaiser-windowed sinc
/// h(τ) = a·sinc(a·τ)·w(a·τ / Z), τ in input samples, with a = 2·cutoff / inputRate.
/// </summary>
/// <remarks>
/// The cutoff is <see cref="CutoffFraction"/> of the lower Nyquist frequency and the window spans
/// <see cref="ZeroCrossings"/> sinc zero crossings each side, so in units of the lower sample rate
/// the filter is the same for every ratio: about 78 taps, transition 0.85..0.99 of Nyquist,
/// stopband attenuation about 90 dB (Kaiser's formulas for β = 8.96).
/// A table of the unit kernel, oversampled <see cref="TableStepsPerZeroCrossing"/> times,
/// gives cheap coefficients for ratios whose phases are too many to precompute.
/// </remarks>
internal sealed class KaiserSincKernel
{
    /// <summary>Sinc cutoff (-6 dB point) as a fraction of the lower of the two Nyquist frequencies.</summary>
    public const double CutoffFraction = 0.92;

    /// <summary>Half-width of the window in sinc zero crossings (samples of the lower rate / <see cref="CutoffFraction"/>).</summary>
    public const int ZeroCrossings = 36;

    /// <summary>Kaiser window shape parameter: 0.1102·(A − 8.7) for A = 90 dB.</summary>
    public const double Beta = 8.96;

    /// <summary>Table entries per sinc zero crossing; linear interpolation error is below -100 dB.</summary>
    public const int TableStepsPerZeroCrossing = 512;

    private readonly float[] _table;

    /// <param name="inputRate">Input sample rate in Hz.</param>
    /// <param name="outputRate">Output sample rate in Hz.</param>
    public KaiserSincKernel(int inputRate, int outputRate)
    {
        Bandwidth = CutoffFraction * Math.Min(inputRate, outputRate) / inputRate;
        HalfTaps = (int)Math.Ceiling(ZeroCrossings / Bandwidth);
        _table = new float[(ZeroCrossings * TableStepsPerZeroCrossing) + 2];
        for (var m = 0; m < _table.Length - 1; m++)
        {
            _table[m] = (float)UnitKernel((double)m / TableStepsPerZeroCrossing);
        }
    }

    /// <summary>a = 2·cutoff / inputRate: the sinc's first zero crossing is at τ = 1/a input samples.</summary>
    public double Bandwidth { get; }

    /// <summary>K: the kernel is zero for |τ| ≥ K input samples, so an output needs 2K input samples.</summary>
    public int HalfTaps { get; }

    /// <summary>2K: input samples that contribute to one output sample.</summary>
    public int TapCount => 2 * HalfTaps;

    /// <summary>
    /// Exact coefficients (double precision, normalized to unit DC gain) for an output at input time
    /// <c>i + fraction</c>: <paramref name="coefficients"/>[j] weights input sample <c>i − K + 1 + j</c>.
    /// </summary>
    public void FillExact(double fraction, Span<float> coefficients)
    {
        var sum = 0.0;
        for (var j = 0; j < coefficients.Length; j++)
        {
            sum += UnitKernel(Bandwidth * Math.Abs(fraction + HalfTaps - 1 - j));
        }

        for (var j = 0; j < coefficients.Length; j++)
        {
            coefficients[j] = (float)(UnitKernel(Bandwidth * Math.Abs(fraction + HalfTaps - 1 - j)) / sum);
        }
    }

    /// <summary>
    /// Coefficients for an output at input time <c>i + fraction</c>, as <see cref="FillExact"/> but
    /// linearly interpolated from the table and not normalized (the caller divides by their sum).
    /// Used when there are too many phases to precompute; allocates nothing.
    /// </summary>
    public void FillFromTable(double fraction, Span<float> coefficients)
    {
        var table = _table;
        var step = Bandwidth * TableStepsPerZeroCrossing;
        var limit = (double)(table.Length - 2);

        // τ = fraction + K − 1 − j runs from positive to negative; the table holds |τ|.
        var first = (fraction + HalfTaps - 1) * step;
        for (var j = 0; j < coefficients.Length; j++)
        {
            var u = Math.Abs(first - (j * step));
            if (u >= limit)
            {
                coefficients[j] = 0;
                continue;
            }

            var index = (int)u;
            var t = (float)(u - index);
            coefficients[j] = table[index] + (t * (table[index + 1] - table[index]));
        }
    }

    /// <summary>sinc(u)·Kaiser(u / Z) for u in sinc zero crossings; zero outside the window.</summary>
    private static double UnitKernel(double u)
    {
        u = Math.Abs(u);
        if (u >= ZeroCrossings)
        {
            return 0;
        }

        var sinc = u < 1e-12 ? 1.0 : Math.Sin(Math.PI * u) / (Math.PI * u);
        var x = u / ZeroCrossings;
        return sinc * BesselI0(Beta * Math.Sqrt(1 - (x * x))) / BesselI0(Beta);
    }

    /// <summary>Modified Bessel function of the first kind, order 0, by its power series.</summary>
    private static double BesselI0(double x)
    {
        var sum = 1.0;
        var term = 1.0;
        var quarterSquare = x * x / 4;
        for (var k = 1; k < 64 && term > sum * 1e-17; k++)
        {
            term *= quarterSquare / (k * k);
            sum += term;
        }

        return sum;
    }
}
