using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenreStream.Model.Features;

/// <summary>
/// A real-input FFT of a fixed power-of-two length with every table and buffer allocated up front,
/// so <see cref="PowerSpectrum(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/> never allocates.
/// </summary>
/// <remarks>
/// MathNet.Numerics' <c>Fourier.ForwardReal</c> allocates about 26 KB and takes about 270 µs per
/// 2048-point call (measured), which rules it out of a per-frame path. This is the classic scheme:
/// the n real samples are packed as n/2 complex values, transformed by an iterative radix-2
/// decimation-in-time FFT, and split into the n/2 + 1 bins of the real spectrum. The first two passes
/// (twiddles 1 and −i) are done together without multiplications as the samples are loaded in bit-reversed order;
/// the later passes run two at a time (radix 2², one sweep of the arrays per pair), on whole vectors where the
/// butterflies span one, with each pass's twiddles stored contiguously; the power spectrum is taken in the split's sweep.
/// Tests check it against MathNet, and the vector path against the scalar one bit for bit. Not thread-safe: one instance per pipeline.
/// </remarks>
public sealed class RealFft
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
    private readonly float[] _windowed;
    private readonly bool _vectors;

    /// <param name="length">Transform length in samples: a power of two, at least 4.</param>
    public RealFft(int length)
        : this(length, vectors: true)
    {
    }

    /// <param name="length">Transform length in samples: a power of two, at least 4.</param>
    /// <param name="vectors">False runs every pass one value at a time (tests compare the two paths; they give the same bits).</param>
    internal RealFft(int length, bool vectors)
    {
        _vectors = vectors;
        if (length < 4 || (length & (length - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "FFT length must be a power of two, at least 4.");
        }

        _n = length;
        _half = length / 2;
        _re = new float[_half];
        _im = new float[_half];
        _windowed = new float[length];
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
    /// <remarks>The scratch spans are no longer written (the power is taken in the split's own sweep); kept for callers.</remarks>
    public void PowerSpectrum(ReadOnlySpan<float> input, Span<float> power, Span<float> scratchReal, Span<float> scratchImaginary) =>
        PowerSpectrum(input, default, power);

    /// <summary>
    /// Writes |X[k]|², k = 0..n/2, of <paramref name="input"/> times <paramref name="window"/> (sample by sample; empty for
    /// none) into <paramref name="power"/>, the power taken as the bins are split.
    /// </summary>
    public void PowerSpectrum(ReadOnlySpan<float> input, ReadOnlySpan<float> window, Span<float> power)
    {
        if (input.Length != _n || power.Length < BinCount || (!window.IsEmpty && window.Length != _n))
        {
            throw new ArgumentException($"expected {_n} input samples, a window of {_n} or none, and {BinCount} output bins");
        }

        if (!window.IsEmpty)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(input, window, _windowed);
            input = _windowed;
        }

        Butterflies(input, _re, _im);
        SplitPower(_re, _im, power);
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
        if (_vectors && Vector256.IsHardwareAccelerated)
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

    /// <summary>
    /// <see cref="Split"/> that keeps only |X[k]|² (re² + im², the same arithmetic as squaring <see cref="Split"/>'s output).
    /// </summary>
    private void SplitPower(float[] re, float[] im, Span<float> power)
    {
        var half = _half;
        var dc = re[0] + im[0];
        var nyquist = re[0] - im[0];
        power[0] = dc * dc;
        power[half] = nyquist * nyquist;
        ReadOnlySpan<float> splitRe = _splitRe.AsSpan(0, half);
        ReadOnlySpan<float> splitIm = _splitIm.AsSpan(0, half);
        var output = power[..half];
        var k = 1;
        if (_vectors && Vector256.IsHardwareAccelerated)
        {
            k = SplitPowerVectors(re, im, output);
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
            var wr = splitRe[k];
            var wi = splitIm[k];
            var prodRe = (wr * oddRe) - (wi * oddIm);
            var prodIm = (wr * oddIm) + (wi * oddRe);
            var xr = evenRe + prodIm;
            var xi = evenIm - prodRe;
            output[k] = (xi * xi) + (xr * xr);
        }
    }

    /// <summary><see cref="SplitPower"/> eight bins at a time, as <see cref="SplitVectors"/>. Returns the first bin left for the scalar loop.</summary>
    private int SplitPowerVectors(float[] re, float[] im, Span<float> power)
    {
        var half = _half;
        var width = Vector256<float>.Count;
        ref var reRef = ref MemoryMarshal.GetArrayDataReference(re);
        ref var imRef = ref MemoryMarshal.GetArrayDataReference(im);
        ref var wRe = ref MemoryMarshal.GetArrayDataReference(_splitRe);
        ref var wIm = ref MemoryMarshal.GetArrayDataReference(_splitIm);
        ref var output = ref MemoryMarshal.GetReference(power);
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
            var xr = evenRe + prodIm;
            var xi = evenIm - prodRe;
            ((xi * xi) + (xr * xr)).StoreUnsafe(ref output, at);
        }

        return k;
    }

    /// <summary>The packed complex FFT of <paramref name="input"/> (z[i] = x[2i] + i x[2i+1]) into <paramref name="re"/>, <paramref name="im"/>.</summary>
    /// <remarks>
    /// Two radix-2 passes at a time (radix 2²): a sweep loads four points h apart, joins them into blocks of 2h and then 4h in
    /// registers and stores them once, so the arrays are swept half as often. The arithmetic per point is the radix-2 passes'
    /// in the same order, so the result is the same to the bit.
    /// </remarks>
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

        while (h < n)
        {
            var twoPasses = 4 * h <= n;
            if (_vectors && Vector.IsHardwareAccelerated && h >= Vector<float>.Count)
            {
                if (twoPasses)
                {
                    VectorPassPair(re, im, h);
                }
                else
                {
                    VectorPass(re, im, h);
                }
            }
            else if (_vectors && Vector128.IsHardwareAccelerated && h == Vector128<float>.Count)
            {
                if (twoPasses)
                {
                    Vector128PassPair(re, im, h);
                }
                else
                {
                    Vector128Pass(re, im, h);
                }
            }
            else if (twoPasses)
            {
                ScalarPassPair(re, im, h);
            }
            else
            {
                ScalarPass(re, im, h);
            }

            h <<= twoPasses ? 2 : 1;
        }
    }

    /// <summary>
    /// Loads the packed input in bit-reversed order and joins blocks of 1 into 2 (w = 1) and 2 into 4
    /// (w = 1, −i) as radix-4 butterflies, without multiplications.
    /// </summary>
    private void FirstTwoPasses(ReadOnlySpan<float> input, float[] re, float[] im)
    {
        // Point 4q + t of the bit-reversed order is input point reverse[4q] + (0, h/2, h/4, 3h/4)[t] (h = _half complex
        // points): the low two bits of the index become its top two. In floats (two per point) the offsets double.
        var reverse = _bitReverse;
        var half = _half;
        var quarter = half / 2;
        ref var x = ref MemoryMarshal.GetReference(input);
        ref var outRe = ref MemoryMarshal.GetArrayDataReference(re);
        ref var outIm = ref MemoryMarshal.GetArrayDataReference(im);
        for (var s = 0; s + 3 < reverse.Length; s += 4)
        {
            ref var x0 = ref Unsafe.Add(ref x, 2 * reverse[s]);
            ref var x1 = ref Unsafe.Add(ref x0, half);
            ref var x2 = ref Unsafe.Add(ref x0, quarter);
            ref var x3 = ref Unsafe.Add(ref x1, quarter);
            float r0 = x0, r1 = x1, r2 = x2, r3 = x3;
            float i0 = Unsafe.Add(ref x0, 1), i1 = Unsafe.Add(ref x1, 1), i2 = Unsafe.Add(ref x2, 1), i3 = Unsafe.Add(ref x3, 1);

            // Blocks of 2: (0,1) and (2,3).
            float ar = r0 + r1, ai = i0 + i1, br = r0 - r1, bi = i0 - i1;
            float cr = r2 + r3, ci = i2 + i3, dr = r2 - r3, di = i2 - i3;

            // Blocks of 4: (a, c) with w = 1, (b, d) with w = −i: −i·d = (di, −dr).
            ref var yr = ref Unsafe.Add(ref outRe, s);
            ref var yi = ref Unsafe.Add(ref outIm, s);
            yr = ar + cr;
            yi = ai + ci;
            Unsafe.Add(ref yr, 2) = ar - cr;
            Unsafe.Add(ref yi, 2) = ai - ci;
            Unsafe.Add(ref yr, 1) = br + di;
            Unsafe.Add(ref yi, 1) = bi - dr;
            Unsafe.Add(ref yr, 3) = br - di;
            Unsafe.Add(ref yi, 3) = bi + dr;
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

    /// <summary>
    /// The passes that join blocks of <paramref name="h"/> into 2h and 2h into 4h in one sweep, one point quadruple at a time:
    /// x0..x3 at j, j+h, j+2h, j+3h of each block of 4h; (x0, x1) and (x2, x3) with w = table[h+j], then (x0, x2) with
    /// table[2h+j] and (x1, x3) with table[3h+j].
    /// </summary>
    private void ScalarPassPair(float[] re, float[] im, int h)
    {
        var tw = _twiddleRe;
        var twi = _twiddleIm;
        for (var start = 0; start < re.Length; start += 4 * h)
        {
            for (var j = 0; j < h; j++)
            {
                int a0 = start + j, a1 = a0 + h, a2 = a1 + h, a3 = a2 + h;
                float x0r = re[a0], x0i = im[a0], x1r = re[a1], x1i = im[a1], x2r = re[a2], x2i = im[a2], x3r = re[a3], x3i = im[a3];
                float w1r = tw[h + j], w1i = twi[h + j];
                Butterfly(ref x0r, ref x0i, ref x1r, ref x1i, w1r, w1i);
                Butterfly(ref x2r, ref x2i, ref x3r, ref x3i, w1r, w1i);
                Butterfly(ref x0r, ref x0i, ref x2r, ref x2i, tw[(2 * h) + j], twi[(2 * h) + j]);
                Butterfly(ref x1r, ref x1i, ref x3r, ref x3i, tw[(3 * h) + j], twi[(3 * h) + j]);
                re[a0] = x0r;
                im[a0] = x0i;
                re[a1] = x1r;
                im[a1] = x1i;
                re[a2] = x2r;
                im[a2] = x2i;
                re[a3] = x3r;
                im[a3] = x3i;
            }
        }
    }

    /// <summary>One radix-2 butterfly, the arithmetic of <see cref="ScalarPass"/>: a ± w·b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Butterfly(ref float ar, ref float ai, ref float br, ref float bi, float wr, float wi)
    {
        var tr = (wr * br) - (wi * bi);
        var ti = (wr * bi) + (wi * br);
        br = ar - tr;
        bi = ai - ti;
        ar += tr;
        ai += ti;
    }

    /// <summary><see cref="ScalarPassPair"/> a <see cref="Vector{T}"/> of quadruples at a time (<paramref name="h"/> a multiple of the width).</summary>
    private void VectorPassPair(float[] re, float[] im, int h)
    {
        ref var reRef = ref MemoryMarshal.GetArrayDataReference(re);
        ref var imRef = ref MemoryMarshal.GetArrayDataReference(im);
        ref var twRe = ref MemoryMarshal.GetArrayDataReference(_twiddleRe);
        ref var twIm = ref MemoryMarshal.GetArrayDataReference(_twiddleIm);
        var width = Vector<float>.Count;
        var step = (nuint)h;
        for (var start = 0; start < re.Length; start += 4 * h)
        {
            for (var j = 0; j < h; j += width)
            {
                var a0 = (nuint)(start + j);
                var a1 = a0 + step;
                var a2 = a1 + step;
                var a3 = a2 + step;
                var x0r = Vector.LoadUnsafe(ref reRef, a0);
                var x0i = Vector.LoadUnsafe(ref imRef, a0);
                var x1r = Vector.LoadUnsafe(ref reRef, a1);
                var x1i = Vector.LoadUnsafe(ref imRef, a1);
                var x2r = Vector.LoadUnsafe(ref reRef, a2);
                var x2i = Vector.LoadUnsafe(ref imRef, a2);
                var x3r = Vector.LoadUnsafe(ref reRef, a3);
                var x3i = Vector.LoadUnsafe(ref imRef, a3);
                var w = (nuint)(h + j);
                var wr = Vector.LoadUnsafe(ref twRe, w);
                var wi = Vector.LoadUnsafe(ref twIm, w);
                Butterfly(ref x0r, ref x0i, ref x1r, ref x1i, wr, wi);
                Butterfly(ref x2r, ref x2i, ref x3r, ref x3i, wr, wi);
                w = (nuint)((2 * h) + j);
                Butterfly(ref x0r, ref x0i, ref x2r, ref x2i, Vector.LoadUnsafe(ref twRe, w), Vector.LoadUnsafe(ref twIm, w));
                w += step;
                Butterfly(ref x1r, ref x1i, ref x3r, ref x3i, Vector.LoadUnsafe(ref twRe, w), Vector.LoadUnsafe(ref twIm, w));
                x0r.StoreUnsafe(ref reRef, a0);
                x0i.StoreUnsafe(ref imRef, a0);
                x1r.StoreUnsafe(ref reRef, a1);
                x1i.StoreUnsafe(ref imRef, a1);
                x2r.StoreUnsafe(ref reRef, a2);
                x2i.StoreUnsafe(ref imRef, a2);
                x3r.StoreUnsafe(ref reRef, a3);
                x3i.StoreUnsafe(ref imRef, a3);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Butterfly(ref Vector<float> ar, ref Vector<float> ai, ref Vector<float> br, ref Vector<float> bi, Vector<float> wr, Vector<float> wi)
    {
        var tr = (wr * br) - (wi * bi);
        var ti = (wr * bi) + (wi * br);
        br = ar - tr;
        bi = ai - ti;
        ar += tr;
        ai += ti;
    }

    /// <summary><see cref="ScalarPassPair"/> for h = 4 with 128-bit vectors (where <see cref="Vector{T}"/> is wider than 4).</summary>
    private void Vector128PassPair(float[] re, float[] im, int h)
    {
        ref var reRef = ref MemoryMarshal.GetArrayDataReference(re);
        ref var imRef = ref MemoryMarshal.GetArrayDataReference(im);
        ref var twRe = ref MemoryMarshal.GetArrayDataReference(_twiddleRe);
        ref var twIm = ref MemoryMarshal.GetArrayDataReference(_twiddleIm);
        var step = (nuint)h;
        var w1r = Vector128.LoadUnsafe(ref twRe, step);
        var w1i = Vector128.LoadUnsafe(ref twIm, step);
        var w2r = Vector128.LoadUnsafe(ref twRe, 2 * step);
        var w2i = Vector128.LoadUnsafe(ref twIm, 2 * step);
        var w3r = Vector128.LoadUnsafe(ref twRe, 3 * step);
        var w3i = Vector128.LoadUnsafe(ref twIm, 3 * step);
        for (var start = 0; start < re.Length; start += 4 * h)
        {
            var a0 = (nuint)start;
            var a1 = a0 + step;
            var a2 = a1 + step;
            var a3 = a2 + step;
            var x0r = Vector128.LoadUnsafe(ref reRef, a0);
            var x0i = Vector128.LoadUnsafe(ref imRef, a0);
            var x1r = Vector128.LoadUnsafe(ref reRef, a1);
            var x1i = Vector128.LoadUnsafe(ref imRef, a1);
            var x2r = Vector128.LoadUnsafe(ref reRef, a2);
            var x2i = Vector128.LoadUnsafe(ref imRef, a2);
            var x3r = Vector128.LoadUnsafe(ref reRef, a3);
            var x3i = Vector128.LoadUnsafe(ref imRef, a3);
            Butterfly(ref x0r, ref x0i, ref x1r, ref x1i, w1r, w1i);
            Butterfly(ref x2r, ref x2i, ref x3r, ref x3i, w1r, w1i);
            Butterfly(ref x0r, ref x0i, ref x2r, ref x2i, w2r, w2i);
            Butterfly(ref x1r, ref x1i, ref x3r, ref x3i, w3r, w3i);
            x0r.StoreUnsafe(ref reRef, a0);
            x0i.StoreUnsafe(ref imRef, a0);
            x1r.StoreUnsafe(ref reRef, a1);
            x1i.StoreUnsafe(ref imRef, a1);
            x2r.StoreUnsafe(ref reRef, a2);
            x2i.StoreUnsafe(ref imRef, a2);
            x3r.StoreUnsafe(ref reRef, a3);
            x3i.StoreUnsafe(ref imRef, a3);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Butterfly(ref Vector128<float> ar, ref Vector128<float> ai, ref Vector128<float> br, ref Vector128<float> bi, Vector128<float> wr, Vector128<float> wi)
    {
        var tr = (wr * br) - (wi * bi);
        var ti = (wr * bi) + (wi * br);
        br = ar - tr;
        bi = ai - ti;
        ar += tr;
        ai += ti;
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
