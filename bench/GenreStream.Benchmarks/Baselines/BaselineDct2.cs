// src/Model/Features/Dct2.cs at commit 79a2459, renamed Baseline*: the old kernels that RealFftKernelBenchmarks and
// FrameKernelBenchmarks time the current ones against in the same run. Not used by the program.
using GenreStream.Model.Features;

namespace GenreStream.Benchmarks.Baselines;

/// <summary>
/// The orthonormal DCT-II (scipy's <c>dct(type=2, norm='ortho')</c>), truncated to the first
/// coefficients: the step from log-mel energies to MFCCs. The basis is precomputed.
/// </summary>
public sealed class BaselineDct2
{
    private readonly float[] _basis;

    /// <param name="inputLength">Number of inputs (mel bands).</param>
    /// <param name="outputLength">Number of coefficients kept, counting c0.</param>
    public BaselineDct2(int inputLength, int outputLength)
    {
        InputLength = inputLength;
        OutputLength = outputLength;
        _basis = new float[inputLength * outputLength];
        for (var k = 0; k < outputLength; k++)
        {
            var scale = k == 0 ? Math.Sqrt(1.0 / inputLength) : Math.Sqrt(2.0 / inputLength);
            for (var n = 0; n < inputLength; n++)
            {
                _basis[(k * inputLength) + n] = (float)(scale * Math.Cos(Math.PI * k * ((2 * n) + 1) / (2.0 * inputLength)));
            }
        }
    }

    public int InputLength { get; }

    public int OutputLength { get; }

    /// <summary>Writes the first <see cref="OutputLength"/> DCT-II coefficients of <paramref name="input"/>.</summary>
    public void Transform(ReadOnlySpan<float> input, Span<float> output)
    {
        ReadOnlySpan<float> basis = _basis;
        for (var k = 0; k < OutputLength; k++)
        {
            output[k] = System.Numerics.Tensors.TensorPrimitives.Dot(basis.Slice(k * InputLength, InputLength), input);
        }
    }
}
