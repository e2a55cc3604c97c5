// src/Model/Features/RealFft.cs at commit 79a2459, renamed Baseline*: the old kernels that RealFftKernelBenchmarks and
// FrameKernelBenchmarks time the current ones against in the same run. Not used by the program.
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenreStream.Benchmarks.Baselines;

/// <summary>
/// The <c>BaselineRealFft</c> of commit 79a2459 (radix-2 vector passes, the power spectrum in a second sweep), kept verbatim
/// as the baseline <c>RealFftKernelBenchmarks</c> times the current kernel against. A real-input FFT of a fixed power-of-two length with every table and buffer allocated up front,
/// so <see cref="PowerSpectrum"/> never allocates.
/// </summary>
/// <remarks>
/// MathNet.Numerics' <c>Fourier.ForwardReal</c> allocates about 26 KB and takes about 270 µs per
/// 2048-point call (measured), which rules it out of a per-frame path. This is the classic scheme:
/// the n real samples are packed as n/2 complex values, transformed by an iterative radix-2
/// decimation-in-time FFT, and split into the n/2 + 1 bins of the real spectrum. The first two passes
/// (twiddles 1 and −i) are done together without multiplications; every pass whose butterflies span at
/// least one <see cref="Vector{T}"/> runs on whole vectors, with each pass's twiddles stored contiguously.
/// Tests check it against MathNet. Not thread-safe: one instance per pipeline.
/// </remarks>
public sealed class BaselineRealFft
{
    private readonly int _n;
    private readonly int _half;
    private readonly int[] _bitReverse;
    private readonly float[] _twiddleRe;
    private readonly float[] _twiddleIm;
    private readonly float[] _splitRe;
    private readonly float[] _splitIm;
    private readonly float[] _re;
    private readonly float[] _im;

    /// <param name="length">Transform length in samples: a power of two, at least 4.</param>
    public BaselineRealFft(int length)
    {
        if (length < 4 || (length & (length - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "FFT length must be a power of two, at least 4.");
        }

        _n = length;
        _half = length / 2;
        _re = new float[_half];
        _im = new float[_half];
        _bitReverse = new int[_half];
        var bits = BitOperations.Log2((uint)_half);
        for (var i = 0; i < _half; i++)
        {
            _bitReverse[i] = bits == 0 ? 0 : (int)(ReverseBits((uint)i) >> (32 - bits));
        }

        // The pass that joins blocks of 2h points uses w_j = e^{-2πij/(2h)}, j < h; its table starts at h
        // (h = 1, 2, 4, ... so the tables of all passes fill [1, half) without gaps).
        _twiddleRe = new float[Math.Max(_half, 2)];
        _twiddleIm = new float[_twiddleRe.Length];
        for (var h = 1; h < _half; h <<= 1)
        {
            for (var j = 0; j < h; j++)
            {
                var angle = -Math.PI * j / h;
                _twiddleRe[h + j] = (float)Math.Cos(angle);
                _twiddleIm[h + j] = (float)Math.Sin(angle);
            }
        }

        _splitRe = new float[_half + 1];
        _splitIm = new float[_half + 1];
        for (var k = 0; k <= _half; k++)
        {
            var angle = -2 * Math.PI * k / _n;
            _splitRe[k] = (float)Math.Cos(angle);
            _splitIm[k] = (float)Math.Sin(angle);
        }
    }

    /// <summary>Transform length in samples.</summary>
    public int Length => _n;

    /// <summary>Number of spectrum bins: <see cref="Length"/>/2 + 1 (DC to Nyquist).</summary>
    public int BinCount => _half + 1;

    /// <summary>
    /// Computes the complex spectrum X[k], k = 0..n/2, of <paramref name="input"/> (unscaled: a unit
    /// sine of an exact bin frequency has |X| = n/2 there).
    /// </summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> real, Span<float> imaginary)
    {
        if (input.Length != _n || real.Length < BinCount || imaginary.Length < BinCount)
        {
            throw new ArgumentException($"expected {_n} input samples and {BinCount} output bins");
        }

        Butterflies(input, _re, _im);
        Split(_re, _im, real, imaginary);
    }

    /// <summary>Writes |X[k]|², k = 0..n/2, of <paramref name="input"/> into <paramref name="power"/>.</summary>
    public void PowerSpectrum(ReadOnlySpan<float> input, Span<float> power, Span<float> scratchReal, Span<float> scratchImaginary)
    {
        Forward(input, scratchReal, scratchImaginary);
        var bins = BinCount;
        System.Numerics.Tensors.TensorPrimitives.Multiply(scratchReal[..bins], scratchReal[..bins], power[..bins]);
        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(scratchImaginary[..bins], scratchImaginary[..bins], power[..bins], power[..bins]);
    }

    /// <summary>
    /// Splits the packed transform Z into the real signal's spectrum X:
    /// X[k] = (Z[k] + conj(Z[h-k])) / 2 − i e^{-2πik/n} (Z[k] − conj(Z[h-k])) / 2.
    /// </summary>
    private void Split(float[] re, float[] im, Span<float> real, Span<float> imaginary)
    {
        var half = _half;
        real[0] = re[0] + im[0];
        imaginary[0] = 0;
        real[half] = re[0] - im[0];
        imaginary[half] = 0;
        ReadOnlySpan<float> splitRe = _splitRe.AsSpan(0, half);
        ReadOnlySpan<float> splitIm = _splitIm.AsSpan(0, half);
        var outRe = real[..half];
        var outIm = imaginary[..half];
        var k = 1;
        if (Vector256.IsHardwareAccelerated)
        {
            k = SplitVectors(re, im, outRe, outIm);
        }

        for (; k < half; k++)
        {
            var zr = re[k];
            var zi = im[k];
            var cr = re[half - k];
            var ci = -im[half - k];
            var evenRe = 0.5f * (zr + cr);
            var evenIm = 0.5f * (zi + ci);
            var oddRe = 0.5f * (zr - cr);
            var oddIm = 0.5f * (zi - ci);

            // -i * w * odd, with w = splitRe + i splitIm.
            var wr = splitRe[k];
            var wi = splitIm[k];
            var prodRe = (wr * oddRe) - (wi * oddIm);
            var prodIm = (wr * oddIm) + (wi * oddRe);
            outRe[k] = evenRe + prodIm;
            outIm[k] = evenIm - prodRe;
        }
    }

    /// <summary>
    /// <see cref="Split"/> for bins 1, 2, ... eight at a time, the mirrored bins h−k loaded as a vector and reversed;
    /// the same arithmetic per bin. Returns the first bin left for the scalar loop.
    /// </summary>
    private int SplitVectors(float[] re, float[] im, Span<float> real, Span<float> imaginary)
    {
        var half = _half;
        var width = Vector256<float>.Count;
        ref var reRef = ref MemoryMarshal.GetArrayDataReference(re);
        ref var imRef = ref MemoryMarshal.GetArrayDataReference(im);
        ref var wRe = ref MemoryMarshal.GetArrayDataReference(_splitRe);
        ref var wIm = ref MemoryMarshal.GetArrayDataReference(_splitIm);
        ref var outRe = ref MemoryMarshal.GetReference(real);
        ref var outIm = ref MemoryMarshal.GetReference(imaginary);
        var reversed = Vector256.Create(7, 6, 5, 4, 3, 2, 1, 0);
        var halfOf = Vector256.Create(0.5f);
        var k = 1;
        for (; k + width <= half; k += width)
        {
            var at = (nuint)k;
            var mirror = (nuint)(half - k - (width - 1));
            var zr = Vector256.LoadUnsafe(ref reRef, at);
            var zi = Vector256.LoadUnsafe(ref imRef, at);
            var cr = Vector256.Shuffle(Vector256.LoadUnsafe(ref reRef, mirror), reversed);
            var ci = -Vector256.Shuffle(Vector256.LoadUnsafe(ref imRef, mirror), reversed);
            var evenRe = halfOf * (zr + cr);
            var evenIm = halfOf * (zi + ci);
            var oddRe = halfOf * (zr - cr);
            var oddIm = halfOf * (zi - ci);
            var wr = Vector256.LoadUnsafe(ref wRe, at);
            var wi = Vector256.LoadUnsafe(ref wIm, at);
            var prodRe = (wr * oddRe) - (wi * oddIm);
            var prodIm = (wr * oddIm) + (wi * oddRe);
            (evenRe + prodIm).StoreUnsafe(ref outRe, at);
            (evenIm - prodRe).StoreUnsafe(ref outIm, at);
        }

        return k;
    }

    /// <summary>The packed complex FFT of <paramref name="input"/> (z[i] = x[2i] + i x[2i+1]) into <paramref name="re"/>, <paramref name="im"/>.</summary>
    private void Butterflies(ReadOnlySpan<float> input, float[] re, float[] im)
    {
        var n = _half;
        int h;
        if (n >= 4)
        {
            FirstTwoPasses(input, re, im);
            h = 4;
        }
        else
        {
            // n = 2: one butterfly with w = 1 (bit reversal of 2 points is the identity).
            re[0] = input[0] + input[2];
            re[1] = input[0] - input[2];
            im[0] = input[1] + input[3];
            im[1] = input[1] - input[3];
            h = 2;
        }

        for (; h < n; h <<= 1)
        {
            if (Vector.IsHardwareAccelerated && h >= Vector<float>.Count)
            {
                VectorPass(re, im, h);
            }
            else if (Vector128.IsHardwareAccelerated && h == Vector128<float>.Count)
            {
                Vector128Pass(re, im, h);
            }
            else
            {
                ScalarPass(re, im, h);
            }
        }
    }

    /// <summary>
    /// Loads the packed input in bit-reversed order and joins blocks of 1 into 2 (w = 1) and 2 into 4
    /// (w = 1, −i) as radix-4 butterflies, without multiplications.
    /// </summary>
    private void FirstTwoPasses(ReadOnlySpan<float> input, float[] re, float[] im)
    {
        var reverse = _bitReverse;
        for (var s = 0; s + 3 < reverse.Length; s += 4)
        {
            int p0 = 2 * reverse[s], p1 = 2 * reverse[s + 1], p2 = 2 * reverse[s + 2], p3 = 2 * reverse[s + 3];
            float r0 = input[p0], r1 = input[p1], r2 = input[p2], r3 = input[p3];
            float i0 = input[p0 + 1], i1 = input[p1 + 1], i2 = input[p2 + 1], i3 = input[p3 + 1];

            // Blocks of 2: (0,1) and (2,3).
            float ar = r0 + r1, ai = i0 + i1, br = r0 - r1, bi = i0 - i1;
            float cr = r2 + r3, ci = i2 + i3, dr = r2 - r3, di = i2 - i3;

            // Blocks of 4: (a, c) with w = 1, (b, d) with w = −i: −i·d = (di, −dr).
            re[s] = ar + cr;
            im[s] = ai + ci;
            re[s + 2] = ar - cr;
            im[s + 2] = ai - ci;
            re[s + 1] = br + di;
            im[s + 1] = bi - dr;
            re[s + 3] = br - di;
            im[s + 3] = bi + dr;
        }
    }

    /// <summary>Joins blocks of <paramref name="h"/> points into blocks of 2h, one butterfly at a time.</summary>
    private void ScalarPass(float[] re, float[] im, int h)
    {
        ReadOnlySpan<float> twiddleRe = _twiddleRe.AsSpan(h, h);
        ReadOnlySpan<float> twiddleIm = _twiddleIm.AsSpan(h, h);
        for (var start = 0; start < re.Length; start += 2 * h)
        {
            for (var j = 0; j < h; j++)
            {
                var wr = twiddleRe[j];
                var wi = twiddleIm[j];
                var a = start + j;
                var b = a + h;
                var tr = (wr * re[b]) - (wi * im[b]);
                var ti = (wr * im[b]) + (wi * re[b]);
                re[b] = re[a] - tr;
                im[b] = im[a] - ti;
                re[a] += tr;
                im[a] += ti;
            }
        }
    }

    /// <summary>Joins blocks of <paramref name="h"/> points (a multiple of the vector width) into blocks of 2h, a vector of butterflies at a time.</summary>
    private void VectorPass(float[] re, float[] im, int h)
    {
        ref var reRef = ref MemoryMarshal.GetArrayDataReference(re);
        ref var imRef = ref MemoryMarshal.GetArrayDataReference(im);
        ref var twRe = ref MemoryMarshal.GetArrayDataReference(_twiddleRe);
        ref var twIm = ref MemoryMarshal.GetArrayDataReference(_twiddleIm);
        var width = Vector<float>.Count;
        for (var start = 0; start < re.Length; start += 2 * h)
        {
            for (var j = 0; j < h; j += width)
            {
                var wr = Vector.LoadUnsafe(ref twRe, (nuint)(h + j));
                var wi = Vector.LoadUnsafe(ref twIm, (nuint)(h + j));
                var a = (nuint)(start + j);
                var b = a + (nuint)h;
                var br = Vector.LoadUnsafe(ref reRef, b);
                var bi = Vector.LoadUnsafe(ref imRef, b);
                var ar = Vector.LoadUnsafe(ref reRef, a);
                var ai = Vector.LoadUnsafe(ref imRef, a);
                var tr = (wr * br) - (wi * bi);
                var ti = (wr * bi) + (wi * br);
                (ar - tr).StoreUnsafe(ref reRef, b);
                (ai - ti).StoreUnsafe(ref imRef, b);
                (ar + tr).StoreUnsafe(ref reRef, a);
                (ai + ti).StoreUnsafe(ref imRef, a);
            }
        }
    }

    /// <summary>Joins blocks of 4 points into blocks of 8 with 128-bit vectors (where <see cref="Vector{T}"/> is wider than 4).</summary>
    private void Vector128Pass(float[] re, float[] im, int h)
    {
        ref var reRef = ref MemoryMarshal.GetArrayDataReference(re);
        ref var imRef = ref MemoryMarshal.GetArrayDataReference(im);
        var wr = Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_twiddleRe), (nuint)h);
        var wi = Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_twiddleIm), (nuint)h);
        for (var start = 0; start < re.Length; start += 2 * h)
        {
            var a = (nuint)start;
            var b = a + (nuint)h;
            var br = Vector128.LoadUnsafe(ref reRef, b);
            var bi = Vector128.LoadUnsafe(ref imRef, b);
            var ar = Vector128.LoadUnsafe(ref reRef, a);
            var ai = Vector128.LoadUnsafe(ref imRef, a);
            var tr = (wr * br) - (wi * bi);
            var ti = (wr * bi) + (wi * br);
            (ar - tr).StoreUnsafe(ref reRef, b);
            (ai - ti).StoreUnsafe(ref imRef, b);
            (ar + tr).StoreUnsafe(ref reRef, a);
            (ai + ti).StoreUnsafe(ref imRef, a);
        }
    }

    private static uint ReverseBits(uint v)
    {
        v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
        v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
        v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
        v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
        return (v >> 16) | (v << 16);
    }
}
