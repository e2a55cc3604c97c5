using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenreStream.Model.Features;

/// <summary>
/// Folds a power spectrum into 12 pitch classes (C, C#, ... B, equal temperament, A4 = 440 Hz): each
/// bin between the low and high limits adds its power to the class of its nearest semitone. The result
/// is scaled so its largest class is 1 (librosa's default max-normalisation); a silent frame gives zeros.
/// </summary>
public sealed class ChromaFilterBank
{
    /// <summary>Pitch classes (C = 0 … B = 11).</summary>
    public const int Classes = 12;

    /// <summary>Names of the pitch classes, C first.</summary>
    public static IReadOnlyList<string> PitchNames { get; } = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

    private readonly int[] _classOfBin;
    private readonly int[] _runStart;
    private readonly int[] _runLength;
    private readonly int[] _runClass;

    /// <param name="fftLength">FFT length in samples.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <param name="minHz">Lowest bin frequency folded in (Hz).</param>
    /// <param name="maxHz">Highest bin frequency folded in (Hz).</param>
    public ChromaFilterBank(int fftLength, int sampleRate, double minHz, double maxHz)
    {
        _classOfBin = new int[(fftLength / 2) + 1];
        for (var k = 0; k < _classOfBin.Length; k++)
        {
            var f = (double)k * sampleRate / fftLength;
            if (f < minHz || f > maxHz)
            {
                _classOfBin[k] = -1;
                continue;
            }

            var midi = (int)Math.Round(69 + (12 * Math.Log2(f / 440.0)));
            _classOfBin[k] = ((midi % Classes) + Classes) % Classes;
        }

        // Neighbouring bins of one semitone form runs; Apply sums each run at once.
        var starts = new List<int>();
        var lengths = new List<int>();
        var classes = new List<int>();
        for (var k = 0; k < _classOfBin.Length; k++)
        {
            var c = _classOfBin[k];
            if (c < 0)
            {
                continue;
            }

            if (classes.Count > 0 && classes[^1] == c && starts[^1] + lengths[^1] == k)
            {
                lengths[^1]++;
            }
            else
            {
                starts.Add(k);
                lengths.Add(1);
                classes.Add(c);
            }
        }

        _runStart = [.. starts];
        _runLength = [.. lengths];
        _runClass = [.. classes];
    }

    /// <summary>Pitch class of spectrum bin <paramref name="bin"/>, or -1 when outside the range.</summary>
    public int ClassOf(int bin) => _classOfBin[bin];

    /// <summary>Writes the 12 max-normalised pitch-class energies of <paramref name="power"/>.</summary>
    /// <remarks>Each run is summed inline (eight bins at a time where it is that long): most runs are a few bins, where a library call per run cost more than the sum.</remarks>
    public void Apply(ReadOnlySpan<float> power, Span<float> chroma) => Apply(power, chroma, Vector256.IsHardwareAccelerated);

    /// <summary><see cref="Apply(ReadOnlySpan{float}, Span{float})"/> on whole vectors or one bin at a time (tests compare the two).</summary>
    internal void Apply(ReadOnlySpan<float> power, Span<float> chroma, bool vectors)
    {
        if (power.Length < _classOfBin.Length || chroma.Length < Classes)
        {
            throw new ArgumentException($"expected {_classOfBin.Length} bins and room for {Classes} classes");
        }

        chroma[..Classes].Clear();
        ref var p = ref MemoryMarshal.GetReference(power);
        var width = Vector256<float>.Count;
        for (var r = 0; r < _runStart.Length; r++)
        {
            ref var run = ref Unsafe.Add(ref p, _runStart[r]);
            var length = _runLength[r];
            var sum = 0f;
            var k = 0;
            if (vectors && length >= width)
            {
                var acc = Vector256<float>.Zero;
                for (; k + width <= length; k += width)
                {
                    acc += Vector256.LoadUnsafe(ref run, (nuint)k);
                }

                sum = Vector256.Sum(acc);
            }

            for (; k < length; k++)
            {
                sum += Unsafe.Add(ref run, k);
            }

            chroma[_runClass[r]] += sum;
        }

        var max = System.Numerics.Tensors.TensorPrimitives.Max(chroma[..Classes]);
        if (max > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(chroma[..Classes], max, chroma[..Classes]);
        }
    }
}
