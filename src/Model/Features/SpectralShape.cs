using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenreStream.Model.Features;

/// <summary>
/// Shape descriptors of one magnitude spectrum, with librosa's definitions: centroid and bandwidth are
/// the mean and standard deviation of frequency weighted by magnitude, roll-off is the lowest bin
/// frequency below which the given fraction of the magnitude lies, flatness is the ratio of the
/// geometric to the arithmetic mean of the power spectrum.
/// </summary>
public sealed class SpectralShape
{
    private readonly float[] _frequencies;
    private readonly float[] _squaredFrequencies;

    /// <param name="fftLength">FFT length in samples.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    public SpectralShape(int fftLength, int sampleRate)
    {
        _frequencies = new float[(fftLength / 2) + 1];
        for (var k = 0; k < _frequencies.Length; k++)
        {
            _frequencies[k] = (float)((double)k * sampleRate / fftLength);
        }

        _squaredFrequencies = new float[_frequencies.Length];
        for (var k = 0; k < _frequencies.Length; k++)
        {
            _squaredFrequencies[k] = _frequencies[k] * _frequencies[k];
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

    /// <summary>
    /// Every shape value of one frame from its power spectrum in two sweeps over the bins instead of a dozen: the first takes
    /// the magnitude (√power, written to <paramref name="magnitude"/>) and the sums of magnitude, magnitude × frequency, power,
    /// power × frequency², floored power and its logarithm (from exponents and a product of mantissas, one logarithm per lane); the second the spread about the centroid and the roll-off.
    /// Equal to the separate methods up to float rounding (the sums are taken in another order).
    /// </summary>
    /// <param name="power">The power spectrum (bins from 0 Hz; only these bins are described).</param>
    /// <param name="rolloffFraction">Fraction of the magnitude below the roll-off.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <param name="magnitude">Room for as many values as <paramref name="power"/>.</param>
    public SpectralMeasures Measure(ReadOnlySpan<float> power, double rolloffFraction, int sampleRate, Span<float> magnitude) =>
        Measure(power, rolloffFraction, sampleRate, magnitude, Vector256.IsHardwareAccelerated);

    /// <summary><see cref="Measure(ReadOnlySpan{float}, double, int, Span{float})"/>, on whole vectors or one bin at a time (tests compare the two).</summary>
    internal SpectralMeasures Measure(ReadOnlySpan<float> power, double rolloffFraction, int sampleRate, Span<float> magnitude, bool vectors)
    {
        var bins = power.Length;
        if (bins > _frequencies.Length || magnitude.Length < bins)
        {
            throw new ArgumentException($"expected at most {_frequencies.Length} bins and room for as many magnitudes");
        }

        magnitude = magnitude[..bins];
        ref var p = ref MemoryMarshal.GetReference(power);
        ref var m = ref MemoryMarshal.GetReference(magnitude);
        ref var f = ref MemoryMarshal.GetArrayDataReference(_frequencies);
        ref var f2 = ref MemoryMarshal.GetArrayDataReference(_squaredFrequencies);
        float sumMagnitude = 0, sumMagnitudeFrequency = 0, sumPower = 0, sumPowerSquaredFrequency = 0;
        double sumFloored = 0, sumLog = 0; // a thousand logarithms of the floor (−23 each) would lose digits in a float sum
        var k = 0;
        if (vectors)
        {
            var width = Vector256<float>.Count;
            var floor = Vector256.Create(PowerFloor.SingleValue);
            Vector256<float> vm = default, vmf = default, vp = default, vpf2 = default, vfloored = default;

            // Σ ln p as ln 2 · Σ exponents + ln Π mantissas: the mantissas (in [1, 2)) are multiplied up per lane and their
            // product's exponent moved to the sum every 16 blocks (before it can overflow), one logarithm per lane at the end.
            var exponents = Vector256<int>.Zero;
            var mantissas = Vector256.Create(1f);
            var mantissaBits = Vector256.Create(0x007FFFFF);
            var one = Vector256.Create(0x3F800000);
            var blocks = 0;
            for (; k + width <= bins; k += width)
            {
                var at = (nuint)k;
                var pk = Vector256.LoadUnsafe(ref p, at);
                var mk = Vector256.Sqrt(pk);
                mk.StoreUnsafe(ref m, at);
                vm += mk;
                vmf += mk * Vector256.LoadUnsafe(ref f, at);
                vp += pk;
                vpf2 += pk * Vector256.LoadUnsafe(ref f2, at);
                var floored = Vector256.Max(pk, floor);
                vfloored += floored;
                var bits = floored.AsInt32();
                exponents += Vector256.ShiftRightLogical(bits, 23) - Vector256.Create(127);
                mantissas *= ((bits & mantissaBits) | one).AsSingle();
                if (++blocks == 16)
                {
                    blocks = 0;
                    var productBits = mantissas.AsInt32();
                    exponents += Vector256.ShiftRightLogical(productBits, 23) - Vector256.Create(127);
                    mantissas = ((productBits & mantissaBits) | one).AsSingle();
                }
            }

            sumMagnitude = Vector256.Sum(vm);
            sumMagnitudeFrequency = Vector256.Sum(vmf);
            sumPower = Vector256.Sum(vp);
            sumPowerSquaredFrequency = Vector256.Sum(vpf2);
            sumFloored = Vector256.Sum(vfloored);
            sumLog = (Math.Log(2) * Vector256.Sum(exponents)) + Vector256.Sum(Vector256.Log(mantissas));
        }

        for (; k < bins; k++)
        {
            var pk = Unsafe.Add(ref p, k);
            var mk = MathF.Sqrt(pk);
            Unsafe.Add(ref m, k) = mk;
            sumMagnitude += mk;
            sumMagnitudeFrequency += mk * Unsafe.Add(ref f, k);
            sumPower += pk;
            sumPowerSquaredFrequency += pk * Unsafe.Add(ref f2, k);
            var floored = Math.Max(pk, PowerFloor.SingleValue);
            sumFloored += floored;
            sumLog += MathF.Log(floored);
        }

        if (!(sumMagnitude > 0))
        {
            // A silent frame: no centroid, spread or roll-off; flatness of the floor (1) as Flatness gives it.
            return new SpectralMeasures(0f, 0f, 0f, FlatnessOf(sumLog, sumFloored, bins), 0f);
        }

        var centroid = sumMagnitudeFrequency / sumMagnitude;
        var spread = Spread(magnitude, centroid, vectors);
        var rolloff = RolloffOf(magnitude, rolloffFraction * sumMagnitude, vectors);
        var zeroCrossings = sumPower > 0 ? (float)(2 * Math.Sqrt((double)sumPowerSquaredFrequency / sumPower) / sampleRate) : 0f;
        return new SpectralMeasures(centroid, (float)Math.Sqrt(spread / sumMagnitude), rolloff, FlatnessOf(sumLog, sumFloored, bins), zeroCrossings);
    }

    private static float FlatnessOf(double logSum, double sum, int bins) => (float)(Math.Exp(logSum / bins) / (sum / bins));

    /// <summary>Σ magnitude × (frequency − centroid)².</summary>
    private double Spread(ReadOnlySpan<float> magnitude, float centroid, bool vectors)
    {
        ref var m = ref MemoryMarshal.GetReference(magnitude);
        ref var f = ref MemoryMarshal.GetArrayDataReference(_frequencies);
        var sum = 0f;
        var k = 0;
        if (vectors)
        {
            var width = Vector256<float>.Count;
            var c = Vector256.Create(centroid);
            var acc = Vector256<float>.Zero;
            for (; k + width <= magnitude.Length; k += width)
            {
                var d = Vector256.LoadUnsafe(ref f, (nuint)k) - c;
                acc += Vector256.LoadUnsafe(ref m, (nuint)k) * (d * d);
            }

            sum = Vector256.Sum(acc);
        }

        for (; k < magnitude.Length; k++)
        {
            var d = Unsafe.Add(ref f, k) - centroid;
            sum += Unsafe.Add(ref m, k) * (d * d);
        }

        return sum;
    }

    /// <summary>
    /// The lowest bin frequency whose cumulative magnitude (summed in double, as <see cref="Rolloff"/>) reaches
    /// <paramref name="threshold"/>: whole blocks of eight bins are added at once (their double sum is exact) until the block
    /// that crosses it, which is then walked bin by bin.
    /// </summary>
    private float RolloffOf(ReadOnlySpan<float> magnitude, double threshold, bool vectors)
    {
        var cumulative = 0.0;
        var k = 0;
        if (vectors)
        {
            var width = Vector256<float>.Count;
            ref var m = ref MemoryMarshal.GetReference(magnitude);
            for (; k + width <= magnitude.Length; k += width)
            {
                var block = Vector256.LoadUnsafe(ref m, (nuint)k);
                var (low, high) = Vector256.Widen(block);
                var next = cumulative + Vector256.Sum(low + high);
                if (next >= threshold)
                {
                    break;
                }

                cumulative = next;
            }
        }

        for (; k < magnitude.Length; k++)
        {
            cumulative += magnitude[k];
            if (cumulative >= threshold)
            {
                return _frequencies[k];
            }
        }

        return _frequencies[magnitude.Length - 1];
    }
}
