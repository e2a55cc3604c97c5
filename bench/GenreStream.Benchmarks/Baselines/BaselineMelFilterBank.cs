// src/Model/Features/MelFilterBank.cs at commit 79a2459, renamed Baseline*: the old kernels that RealFftKernelBenchmarks and
// FrameKernelBenchmarks time the current ones against in the same run. Not used by the program.
using GenreStream.Model.Features;

namespace GenreStream.Benchmarks.Baselines;

/// <summary>
/// Triangular mel filters over a power spectrum, area-normalised (Slaney), as librosa's
/// <c>filters.mel(htk=False, norm='slaney')</c>. Each filter is stored as a dense run of weights
/// over the bins it covers, so applying the bank costs one pass over the spectrum.
/// </summary>
public sealed class BaselineMelFilterBank
{
    private readonly int[] _firstBin;
    private readonly float[][] _weights;

    /// <param name="bands">Number of filters.</param>
    /// <param name="fftLength">FFT length in samples; the spectrum has fftLength/2 + 1 bins.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <param name="minHz">Lower edge of the first filter in Hz.</param>
    /// <param name="maxHz">Upper edge of the last filter in Hz.</param>
    public BaselineMelFilterBank(int bands, int fftLength, int sampleRate, double minHz, double maxHz)
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
    }

    /// <summary>Number of filters.</summary>
    public int Bands { get; }

    /// <summary>Spectrum bins expected by <see cref="Apply"/>.</summary>
    public int BinCount { get; }

    /// <summary>Weight of filter <paramref name="band"/> at spectrum bin <paramref name="bin"/> (for tests and plots).</summary>
    public float Weight(int band, int bin)
    {
        var offset = bin - _firstBin[band];
        var run = _weights[band];
        return offset >= 0 && offset < run.Length ? run[offset] : 0f;
    }

    /// <summary>Writes the filter-bank energies of <paramref name="power"/> into <paramref name="bands"/>.</summary>
    public void Apply(ReadOnlySpan<float> power, Span<float> bands)
    {
        for (var m = 0; m < Bands; m++)
        {
            var run = _weights[m];
            bands[m] = run.Length == 0
                ? 0f
                : System.Numerics.Tensors.TensorPrimitives.Dot(power.Slice(_firstBin[m], run.Length), run);
        }
    }
}
