// src/Model/Features/SpectralShape.cs at commit 79a2459, renamed Baseline*: the old kernels that RealFftKernelBenchmarks and
// FrameKernelBenchmarks time the current ones against in the same run. Not used by the program.
using System.Numerics.Tensors;

using GenreStream.Model.Features;

namespace GenreStream.Benchmarks.Baselines;

/// <summary>
/// Shape descriptors of one magnitude spectrum, with librosa's definitions: centroid and bandwidth are
/// the mean and standard deviation of frequency weighted by magnitude, roll-off is the lowest bin
/// frequency below which the given fraction of the magnitude lies, flatness is the ratio of the
/// geometric to the arithmetic mean of the power spectrum.
/// </summary>
public sealed class BaselineSpectralShape
{
    private readonly float[] _frequencies;

    /// <param name="fftLength">FFT length in samples.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    public BaselineSpectralShape(int fftLength, int sampleRate)
    {
        _frequencies = new float[(fftLength / 2) + 1];
        for (var k = 0; k < _frequencies.Length; k++)
        {
            _frequencies[k] = (float)((double)k * sampleRate / fftLength);
        }
    }

    /// <summary>Names of the shape values of a frame vector, in order: centroid, bandwidth, roll-off, flatness.</summary>
    public static IReadOnlyList<string> Names { get; } = ["centroid", "bandwidth", "rolloff", "flatness"];

    /// <summary>Frequency in Hz of each bin.</summary>
    public ReadOnlySpan<float> Frequencies => _frequencies;

    /// <summary>Spectral centroid in Hz (0 for a silent frame).</summary>
    public float Centroid(ReadOnlySpan<float> magnitude)
    {
        var total = TensorPrimitives.Sum(magnitude);
        return total > 0 ? TensorPrimitives.Dot(magnitude, _frequencies.AsSpan(0, magnitude.Length)) / total : 0f;
    }

    /// <summary>Spectral bandwidth in Hz around <paramref name="centroid"/> (0 for a silent frame).</summary>
    /// <param name="magnitude">The magnitude spectrum.</param>
    /// <param name="centroid">Its centroid in Hz.</param>
    /// <param name="scratch">Room for as many values as <paramref name="magnitude"/> (the sums run on whole vectors).</param>
    public float Bandwidth(ReadOnlySpan<float> magnitude, float centroid, Span<float> scratch)
    {
        var squaredDistance = scratch[..magnitude.Length];
        TensorPrimitives.Subtract(_frequencies.AsSpan(0, magnitude.Length), centroid, squaredDistance);
        TensorPrimitives.Multiply(squaredDistance, squaredDistance, squaredDistance);
        double total = TensorPrimitives.Sum(magnitude);
        double spread = TensorPrimitives.Dot(magnitude, squaredDistance);
        return total > 0 ? (float)Math.Sqrt(spread / total) : 0f;
    }

    /// <summary>Roll-off frequency in Hz: the lowest bin frequency whose cumulative magnitude reaches <paramref name="fraction"/> of the total.</summary>
    public float Rolloff(ReadOnlySpan<float> magnitude, double fraction)
    {
        var total = TensorPrimitives.Sum(magnitude);
        if (!(total > 0))
        {
            return 0f;
        }

        var threshold = fraction * total;
        var cumulative = 0.0;
        for (var k = 0; k < magnitude.Length; k++)
        {
            cumulative += magnitude[k];
            if (cumulative >= threshold)
            {
                return _frequencies[k];
            }
        }

        return _frequencies[magnitude.Length - 1];
    }

    /// <summary>
    /// The zero-crossing rate (crossings per sample) of a signal with this power spectrum, by Rice's formula
    /// for a stationary Gaussian signal: 2·f_rms / fs, f_rms the power-weighted root mean square frequency.
    /// Unlike a count on the samples it sees only the bins it is given, so it can be band-limited (0 for a silent frame).
    /// </summary>
    /// <param name="power">The power spectrum (bins from 0 Hz).</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <param name="scratch">Room for as many values as <paramref name="power"/>.</param>
    public float ExpectedZeroCrossingRate(ReadOnlySpan<float> power, int sampleRate, Span<float> scratch)
    {
        var squaredFrequency = scratch[..power.Length];
        var frequencies = _frequencies.AsSpan(0, power.Length);
        TensorPrimitives.Multiply(frequencies, frequencies, squaredFrequency);
        double total = TensorPrimitives.Sum(power);
        double moment = TensorPrimitives.Dot(power, squaredFrequency);
        return total > 0 ? (float)(2 * Math.Sqrt(moment / total) / sampleRate) : 0f;
    }

    /// <summary>Spectral flatness in [0, 1] of a power spectrum (1 for white noise, near 0 for a tone).</summary>
    /// <remarks>
    /// The geometric mean over the arithmetic mean of the power, floored at <see cref="PowerFloor.Value"/>. The logarithms are taken in
    /// single precision on whole vectors (<paramref name="scratch"/>, as long as <paramref name="power"/>): a
    /// scalar double logarithm per bin cost a third of a frame's features.
    /// </remarks>
    public static float Flatness(ReadOnlySpan<float> power, Span<float> scratch)
    {
        var floored = scratch[..power.Length];
        TensorPrimitives.Max(power, PowerFloor.SingleValue, floored);
        double sum = TensorPrimitives.Sum(floored);
        TensorPrimitives.Log(floored, floored);
        double logSum = TensorPrimitives.Sum(floored);
        return (float)(Math.Exp(logSum / power.Length) / (sum / power.Length));
    }
}
