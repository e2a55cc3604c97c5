using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenreStream.Model.Features;

/// <summary>
/// Triangular mel filters over a power spectrum, area-normalised (Slaney), as librosa's
/// <c>filters.mel(htk=False, norm='slaney')</c>. Each filter is stored as a dense run of weights
/// over the bins it covers, so applying the bank costs one pass over the spectrum.
/// </summary>
public sealed class MelFilterBank
{
    private readonly int[] _firstBin;
    private readonly float[][] _weights;
    private readonly float[] _packed;
    private readonly int[] _packedStart;

    /// <param name="bands">Number of filters.</param>
    /// <param name="fftLength">FFT length in samples; the spectrum has fftLength/2 + 1 bins.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <param name="minHz">Lower edge of the first filter in Hz.</param>
    /// <param name="maxHz">Upper edge of the last filter in Hz.</param>
    public MelFilterBank(int bands, int fftLength, int sampleRate, double minHz, double maxHz)
    {
        Bands = bands;
        BinCount = (fftLength / 2) + 1;
        var minMel = MelScale.HzToMel(minHz);
        var maxMel = MelScale.HzToMel(maxHz);
        var edges = new double[bands + 2];
        for (var i = 0; i < edges.Length; i++)
        {
            edges[i] = MelScale.MelToHz(minMel + ((maxMel - minMel) * i / (bands + 1)));
        }

        _firstBin = new int[bands];
        _weights = new float[bands][];
        var binHz = (double)sampleRate / fftLength;
        for (var m = 0; m < bands; m++)
        {
            double lower = edges[m], centre = edges[m + 1], upper = edges[m + 2];
            var norm = 2.0 / (upper - lower);
            var first = -1;
            var run = new List<float>();
            for (var k = 0; k < BinCount; k++)
            {
                var f = k * binHz;
                var rising = (f - lower) / (centre - lower);
                var falling = (upper - f) / (upper - centre);
                var w = Math.Max(0, Math.Min(rising, falling)) * norm;
                if (w > 0)
                {
                    if (first < 0)
                    {
                        first = k;
                    }

                    // Keep the run dense: zero weights between non-zero ones stay in place.
                    while (first + run.Count < k)
                    {
                        run.Add(0);
                    }

                    run.Add((float)w);
                }
            }

            _firstBin[m] = Math.Max(first, 0);
            _weights[m] = run.ToArray();
        }

        // All runs back to back in one array (a few KB that stay in L1), for Apply.
        _packedStart = new int[bands + 1];
        for (var m = 0; m < bands; m++)
        {
            _packedStart[m + 1] = _packedStart[m] + _weights[m].Length;
        }

        _packed = new float[_packedStart[bands]];
        for (var m = 0; m < bands; m++)
        {
            _weights[m].CopyTo(_packed, _packedStart[m]);
        }
    }

    /// <summary>Number of filters.</summary>
    public int Bands { get; }

    /// <summary>Spectrum bins expected by <see cref="Apply(ReadOnlySpan{float}, Span{float})"/>.</summary>
    public int BinCount { get; }

    /// <summary>Weight of filter <paramref name="band"/> at spectrum bin <paramref name="bin"/> (for tests and plots).</summary>
    public float Weight(int band, int bin)
    {
        var offset = bin - _firstBin[band];
        var run = _weights[band];
        return offset >= 0 && offset < run.Length ? run[offset] : 0f;
    }

    /// <summary>Writes the filter-bank energies of <paramref name="power"/> into <paramref name="bands"/>.</summary>
    /// <remarks>
    /// Each band's dot product is taken inline (eight bins at a time where its run is that long, then one at a time) from the
    /// packed weights: with 128 narrow low bands a library call per band cost more than the arithmetic.
    /// </remarks>
    public void Apply(ReadOnlySpan<float> power, Span<float> bands) => Apply(power, bands, Vector256.IsHardwareAccelerated);

    /// <summary><see cref="Apply(ReadOnlySpan{float}, Span{float})"/> on whole vectors or one bin at a time (tests compare the two).</summary>
    internal void Apply(ReadOnlySpan<float> power, Span<float> bands, bool vectors)
    {
        if (power.Length < BinCount || bands.Length < Bands)
        {
            throw new ArgumentException($"expected {BinCount} bins and room for {Bands} bands");
        }

        ref var p = ref MemoryMarshal.GetReference(power);
        ref var w = ref MemoryMarshal.GetArrayDataReference(_packed);
        var width = Vector256<float>.Count;
        for (var m = 0; m < Bands; m++)
        {
            var start = _packedStart[m];
            var length = _packedStart[m + 1] - start;
            ref var pm = ref Unsafe.Add(ref p, _firstBin[m]);
            ref var wm = ref Unsafe.Add(ref w, start);
            var sum = 0f;
            var k = 0;
            if (vectors && length >= width)
            {
                var acc = Vector256<float>.Zero;
                for (; k + width <= length; k += width)
                {
                    acc += Vector256.LoadUnsafe(ref pm, (nuint)k) * Vector256.LoadUnsafe(ref wm, (nuint)k);
                }

                sum = Vector256.Sum(acc);
            }

            for (; k < length; k++)
            {
                sum += Unsafe.Add(ref pm, k) * Unsafe.Add(ref wm, k);
            }

            bands[m] = sum;
        }
    }
}
