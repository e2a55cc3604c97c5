using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenreStream.Model.Training;

/// <summary>
/// The two products of a softmax objective's evaluation over a block of rows, register-blocked over four rows
/// at a time: logits Z = X·Wᵀ and the gradient update G += Rᵀ·X. Rows of X and of W/G are padded to a
/// <see cref="Stride"/> (a multiple of the vector width, padding zero), so the inner loops are whole vectors.
/// </summary>
/// <remarks>
/// Both work on four rows by two classes at once: six vector loads per eight FMAs, and eight independent
/// accumulation chains, enough to hide the FMA latency (with one class, four chains left the logits
/// latency-bound at about 0.9 cycles per FMA). In double, as the objective needs (see <see cref="LogisticObjective"/>).
/// </remarks>
internal static class RowBlockKernels
{
    private const int Rows = 4;
    private static readonly int Width = Vector256<double>.Count;

    /// <summary>The padded row length for <paramref name="featureCount"/> values.</summary>
    public static int Stride(int featureCount) => (featureCount + Width - 1) / Width * Width;

    /// <summary>z[(r − start)·classes + c] = x_r · w_c for rows <paramref name="start"/>..<paramref name="end"/>.</summary>
    /// <param name="x">Padded row-major rows.</param>
    /// <param name="stride">Padded row length (<see cref="Stride"/>).</param>
    /// <param name="start">First row.</param>
    /// <param name="end">One past the last row.</param>
    /// <param name="w">Padded row-major class weights (classes × stride).</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="z">Receives (end − start) × classes logits, row-major.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Logits(double[] x, int stride, int start, int end, double[] w, int classes, Span<double> z)
    {
        Debug.Assert(stride % Width == 0 && x.Length >= end * stride && w.Length >= classes * stride && z.Length >= (end - start) * classes, "sizes");
        ref var xRef = ref MemoryMarshal.GetArrayDataReference(x);
        ref var wRef = ref MemoryMarshal.GetArrayDataReference(w);
        var r = start;
        for (; r + Rows <= end; r += Rows)
        {
            var rowOffset = (nuint)(r * stride);
            var at = (r - start) * classes;
            var c = 0;
            for (; c + 2 <= classes; c += 2)
            {
                // Four rows by two classes: eight independent sums keep both FMA units busy despite their latency.
                var wOffset = (nuint)(c * stride);
                Vector256<double> a0 = default, a1 = default, a2 = default, a3 = default;
                Vector256<double> b0 = default, b1 = default, b2 = default, b3 = default;
                for (var j = 0; j < stride; j += Width)
                {
                    var wa = Vector256.LoadUnsafe(ref wRef, wOffset + (nuint)j);
                    var wb = Vector256.LoadUnsafe(ref wRef, wOffset + (nuint)(stride + j));
                    var offset = rowOffset + (nuint)j;
                    var x0 = Vector256.LoadUnsafe(ref xRef, offset);
                    var x1 = Vector256.LoadUnsafe(ref xRef, offset + (nuint)stride);
                    var x2 = Vector256.LoadUnsafe(ref xRef, offset + (nuint)(2 * stride));
                    var x3 = Vector256.LoadUnsafe(ref xRef, offset + (nuint)(3 * stride));
                    a0 = Vector256.FusedMultiplyAdd(x0, wa, a0);
                    b0 = Vector256.FusedMultiplyAdd(x0, wb, b0);
                    a1 = Vector256.FusedMultiplyAdd(x1, wa, a1);
                    b1 = Vector256.FusedMultiplyAdd(x1, wb, b1);
                    a2 = Vector256.FusedMultiplyAdd(x2, wa, a2);
                    b2 = Vector256.FusedMultiplyAdd(x2, wb, b2);
                    a3 = Vector256.FusedMultiplyAdd(x3, wa, a3);
                    b3 = Vector256.FusedMultiplyAdd(x3, wb, b3);
                }

                z[at + c] = Vector256.Sum(a0);
                z[at + c + 1] = Vector256.Sum(b0);
                z[at + classes + c] = Vector256.Sum(a1);
                z[at + classes + c + 1] = Vector256.Sum(b1);
                z[at + (2 * classes) + c] = Vector256.Sum(a2);
                z[at + (2 * classes) + c + 1] = Vector256.Sum(b2);
                z[at + (3 * classes) + c] = Vector256.Sum(a3);
                z[at + (3 * classes) + c + 1] = Vector256.Sum(b3);
            }

            for (; c < classes; c++)
            {
                for (var i = 0; i < Rows; i++)
                {
                    z[at + (i * classes) + c] = Dot(ref xRef, rowOffset + (nuint)(i * stride), ref wRef, (nuint)(c * stride), stride);
                }
            }
        }

        for (; r < end; r++)
        {
            for (var c = 0; c < classes; c++)
            {
                z[((r - start) * classes) + c] = Dot(ref xRef, (nuint)(r * stride), ref wRef, (nuint)(c * stride), stride);
            }
        }
    }

    /// <summary>g_c += Σ_r residual[(r − start)·classes + c] · x_r for rows <paramref name="start"/>..<paramref name="end"/>.</summary>
    /// <param name="x">Padded row-major rows.</param>
    /// <param name="stride">Padded row length (<see cref="Stride"/>).</param>
    /// <param name="start">First row.</param>
    /// <param name="end">One past the last row.</param>
    /// <param name="residual">(end − start) × classes weights, row-major.</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="gradient">Padded row-major class gradients (classes × stride), added to.</param>
    public static void AccumulateOuter(double[] x, int stride, int start, int end, ReadOnlySpan<double> residual, int classes, double[] gradient) =>
        AccumulateWeighted(x, stride, start, end, residual, classes, classes, upperOnly: false, gradient);

    /// <summary>
    /// The upper triangle (by vector-wide blocks) of the Gram matrix of rows <paramref name="start"/>..<paramref name="end"/>:
    /// g[c·stride + j] += Σ_r x_r[c]·x_r[j] for every j from c rounded down to the vector width; <see cref="MirrorUpper"/>
    /// then fills the rest. Half the work of <see cref="AccumulateOuter"/> with the rows as their own weights.
    /// </summary>
    /// <param name="x">Padded row-major rows.</param>
    /// <param name="stride">Padded row length (<see cref="Stride"/>).</param>
    /// <param name="start">First row.</param>
    /// <param name="end">One past the last row.</param>
    /// <param name="columns">d, the meaningful values per row.</param>
    /// <param name="gram">Padded row-major d × stride matrix, added to.</param>
    public static void AccumulateGram(double[] x, int stride, int start, int end, int columns, double[] gram) =>
        AccumulateWeighted(x, stride, start, end, x.AsSpan(start * stride), stride, columns, upperOnly: true, gram);

    /// <summary>
    /// g_c += Σ_r weights[(r − start)·weightStride + c] · x_r, four rows by two outputs at a time: each x load serves
    /// two FMAs, each g load and store four. With <paramref name="upperOnly"/>, output c starts at column c rounded
    /// down to the vector width (the rest of a symmetric product).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AccumulateWeighted(double[] x, int stride, int start, int end, ReadOnlySpan<double> weights, int weightStride, int outputs, bool upperOnly, double[] gradient)
    {
        Debug.Assert(stride % Width == 0 && x.Length >= end * stride && gradient.Length >= outputs * stride && (end <= start || weights.Length >= ((end - start - 1) * weightStride) + outputs), "sizes");
        ref var xRef = ref MemoryMarshal.GetArrayDataReference(x);
        ref var gRef = ref MemoryMarshal.GetArrayDataReference(gradient);
        var r = start;
        for (; r + Rows <= end; r += Rows)
        {
            var rowOffset = (nuint)(r * stride);
            var at = (r - start) * weightStride;
            var c = 0;
            for (; c + 2 <= outputs; c += 2)
            {
                var a0 = Vector256.Create(weights[at + c]);
                var a1 = Vector256.Create(weights[at + weightStride + c]);
                var a2 = Vector256.Create(weights[at + (2 * weightStride) + c]);
                var a3 = Vector256.Create(weights[at + (3 * weightStride) + c]);
                var b0 = Vector256.Create(weights[at + c + 1]);
                var b1 = Vector256.Create(weights[at + weightStride + c + 1]);
                var b2 = Vector256.Create(weights[at + (2 * weightStride) + c + 1]);
                var b3 = Vector256.Create(weights[at + (3 * weightStride) + c + 1]);
                var gOffset = (nuint)(c * stride);
                for (var j = upperOnly ? c / Width * Width : 0; j < stride; j += Width)
                {
                    var offset = rowOffset + (nuint)j;
                    var x0 = Vector256.LoadUnsafe(ref xRef, offset);
                    var x1 = Vector256.LoadUnsafe(ref xRef, offset + (nuint)stride);
                    var x2 = Vector256.LoadUnsafe(ref xRef, offset + (nuint)(2 * stride));
                    var x3 = Vector256.LoadUnsafe(ref xRef, offset + (nuint)(3 * stride));
                    var ga = Vector256.FusedMultiplyAdd(x1, a1, Vector256.FusedMultiplyAdd(x0, a0, Vector256.LoadUnsafe(ref gRef, gOffset + (nuint)j)));
                    var gb = Vector256.FusedMultiplyAdd(x1, b1, Vector256.FusedMultiplyAdd(x0, b0, Vector256.LoadUnsafe(ref gRef, gOffset + (nuint)(stride + j))));
                    Vector256.FusedMultiplyAdd(x3, a3, Vector256.FusedMultiplyAdd(x2, a2, ga)).StoreUnsafe(ref gRef, gOffset + (nuint)j);
                    Vector256.FusedMultiplyAdd(x3, b3, Vector256.FusedMultiplyAdd(x2, b2, gb)).StoreUnsafe(ref gRef, gOffset + (nuint)(stride + j));
                }
            }

            for (; c < outputs; c++)
            {
                for (var i = 0; i < Rows; i++)
                {
                    AddScaled(ref xRef, rowOffset + (nuint)(i * stride), weights[at + (i * weightStride) + c], ref gRef, (nuint)(c * stride), stride);
                }
            }
        }

        for (; r < end; r++)
        {
            for (var c = 0; c < outputs; c++)
            {
                AddScaled(ref xRef, (nuint)(r * stride), weights[((r - start) * weightStride) + c], ref gRef, (nuint)(c * stride), stride);
            }
        }
    }

    /// <summary>Copies the upper triangle of a padded d × stride matrix onto its lower one (g[c][j] = g[j][c] for j &lt; c).</summary>
    public static void MirrorUpper(double[] gram, int stride, int columns)
    {
        for (var c = 1; c < columns; c++)
        {
            for (var j = 0; j < c; j++)
            {
                gram[(c * stride) + j] = gram[(j * stride) + c];
            }
        }
    }

    /// <summary>Widens <paramref name="source"/> into <paramref name="destination"/> (same length, exact).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Widen(ReadOnlySpan<float> source, Span<double> destination)
    {
        Debug.Assert(destination.Length >= source.Length, "sizes");
        ref var from = ref MemoryMarshal.GetReference(source);
        ref var to = ref MemoryMarshal.GetReference(destination);
        var j = 0;
        for (; j + Vector256<float>.Count <= source.Length; j += Vector256<float>.Count)
        {
            var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref from, (nuint)j));
            lower.StoreUnsafe(ref to, (nuint)j);
            upper.StoreUnsafe(ref to, (nuint)(j + Width));
        }

        for (; j < source.Length; j++)
        {
            destination[j] = source[j];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaled(ref double x, nuint xOffset, double scale, ref double g, nuint gOffset, int length)
    {
        var s = Vector256.Create(scale);
        for (var j = 0; j < length; j += Width)
        {
            var sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref x, xOffset + (nuint)j), s, Vector256.LoadUnsafe(ref g, gOffset + (nuint)j));
            sum.StoreUnsafe(ref g, gOffset + (nuint)j);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Dot(ref double a, nuint aOffset, ref double b, nuint bOffset, int length)
    {
        var sum = Vector256<double>.Zero;
        for (var j = 0; j < length; j += Width)
        {
            sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, aOffset + (nuint)j), Vector256.LoadUnsafe(ref b, bOffset + (nuint)j), sum);
        }

        return Vector256.Sum(sum);
    }
}
