using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using GenreStream.Model.Softmax;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace GenreStream.Model.Training;

/// <summary>
/// A change of variables that makes the regularised logistic objective nearly round, so L-BFGS needs a few
/// dozen iterations where it needed hundreds. The standardised features are strongly correlated (their
/// Gram matrix's eigenvalues span four orders of magnitude), and the objective's Hessian in a class's weights
/// is roughly XᵀSX + I/C, with S the rows' softmax curvatures (times their weights). Optimising v_k with
/// w_k = A·v_k, A = (XᵀSX + I/C)^(-1/2), leaves a Hessian near the identity; biases are scaled by 1/√(Σ S_i).
/// </summary>
/// <remarks>
/// <para>
/// The minimum is the same point (the map is linear and invertible): only the path to it changes.
/// XᵀSX and its eigendecomposition are computed once per preconditioner; <see cref="ForC"/> costs two d×d
/// products. <see cref="Create(double[], int, ReadOnlySpan{float}, double)"/> assumes every row has the same
/// curvature; <see cref="AtPoint"/> takes each row's own at a warm start, which suits the weakly regularised
/// fits (large C) where well-fitted rows have almost none and a uniform guess leaves L-BFGS many more iterations.
/// </para>
/// <para>The products run on <see cref="RowBlockKernels"/>: the Gram matrix by its upper half, rows a block at a time.</para>
/// </remarks>
internal sealed class CurvaturePreconditioner
{
    private const int GramBlockRows = 256;

    private readonly double[] _vectors;
    private readonly double[] _values;
    private readonly double _biasCurvature;

    private CurvaturePreconditioner(double[] vectors, double[] values, double biasCurvature)
    {
        _vectors = vectors;
        _values = values;
        _biasCurvature = biasCurvature;
    }

    /// <summary>
    /// The row curvature s to assume: at W = 0 a row's softmax curvature is 1/K (a sigmoid's 1/4), and it falls
    /// as rows are fitted; a quarter of the starting value gave the fewest evaluations over the default C grid on
    /// the shared data (a tenth or the full value cost 10–25% more). It only changes the path, never the optimum.
    /// </summary>
    public static double TypicalCurvature(ModelKind kind, int classCount) =>
        kind == ModelKind.OneVsRest ? 0.25 / 4 : 0.25 / classCount;

    /// <summary>Every row at the same curvature <paramref name="curvature"/> (times its weight).</summary>
    /// <param name="standardised">Row-major n × d standardised features.</param>
    /// <param name="featureCount">d.</param>
    /// <param name="weights">Per-row loss weights, or empty for 1 each.</param>
    /// <param name="curvature">s: the assumed second derivative of one row's loss in its logit.</param>
    public static CurvaturePreconditioner Create(double[] standardised, int featureCount, ReadOnlySpan<float> weights, double curvature)
    {
        var rows = new double[standardised.Length / featureCount];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = curvature * (weights.IsEmpty ? 1.0 : weights[i]);
        }

        return Create(standardised, featureCount, rows);
    }

    /// <summary>Each row at its own curvature at <paramref name="parameters"/> (see <see cref="LogisticObjective.RowCurvatures"/>).</summary>
    /// <param name="objective">The objective over <paramref name="standardised"/>.</param>
    /// <param name="standardised">Row-major n × d standardised features, the objective's rows.</param>
    /// <param name="parameters">The warm start (θ: W then b).</param>
    public static CurvaturePreconditioner AtPoint(LogisticObjective objective, double[] standardised, ReadOnlySpan<double> parameters)
    {
        var rows = new double[objective.RowCount];
        objective.RowCurvatures(parameters, rows);
        return Create(standardised, objective.FeatureCount, rows);
    }

    /// <summary>From XᵀSX, S the given per-row curvatures (0 or more).</summary>
    private static CurvaturePreconditioner Create(double[] standardised, int featureCount, ReadOnlySpan<double> rowCurvatures)
    {
        var d = featureCount;
        var n = rowCurvatures.Length;
        var stride = RowBlockKernels.Stride(d);
        var block = new double[GramBlockRows * stride];
        var product = new double[d * stride];
        var total = 0.0;
        for (var first = 0; first < n; first += GramBlockRows)
        {
            var count = Math.Min(GramBlockRows, n - first);
            for (var r = 0; r < count; r++)
            {
                var s = rowCurvatures[first + r];
                total += s;
                TensorPrimitives.Multiply(standardised.AsSpan((first + r) * d, d), Math.Sqrt(s), block.AsSpan(r * stride, d));
            }

            RowBlockKernels.AccumulateGram(block, stride, 0, count, d, product);
        }

        RowBlockKernels.MirrorUpper(product, stride, d);
        var gram = Matrix<double>.Build.Dense(d, d, (r, c) => product[(r * stride) + c]);
        var evd = gram.Evd(Symmetricity.Symmetric);
        var vectors = new double[d * stride];
        for (var i = 0; i < d; i++)
        {
            for (var k = 0; k < d; k++)
            {
                vectors[(i * stride) + k] = evd.EigenVectors[i, k];
            }
        }

        var values = new double[d];
        for (var k = 0; k < d; k++)
        {
            values[k] = Math.Max(evd.EigenValues[k].Real, 0);
        }

        return new CurvaturePreconditioner(vectors, values, Math.Max(total, 1e-12));
    }

    /// <summary>The change of variables for one C.</summary>
    public Coordinates ForC(double c)
    {
        var d = _values.Length;
        var forward = Scaled(e => 1 / Math.Sqrt(e + (1 / c)));
        var backward = Scaled(e => Math.Sqrt(e + (1 / c)));
        return new Coordinates(forward, backward, d, 1 / Math.Sqrt(_biasCurvature));
    }

    /// <summary>V·diag(f(λ))·Vᵀ, padded row-major (d × stride).</summary>
    private double[] Scaled(Func<double, double> f)
    {
        var d = _values.Length;
        var stride = RowBlockKernels.Stride(d);
        var scaled = new double[d * stride];
        for (var k = 0; k < d; k++)
        {
            var factor = f(_values[k]);
            for (var i = 0; i < d; i++)
            {
                scaled[(i * stride) + k] = _vectors[(i * stride) + k] * factor;
            }
        }

        // M[i, j] = Σ_k V[i, k]·f_k·V[j, k]: row i of V·diag(f) against row j of V.
        var product = new double[d * d];
        RowBlockKernels.Logits(scaled, stride, 0, d, _vectors, d, product);
        var result = new double[d * stride];
        for (var i = 0; i < d; i++)
        {
            product.AsSpan(i * d, d).CopyTo(result.AsSpan(i * stride));
        }

        return result;
    }

    /// <summary>
    /// Maps parameters between the optimiser's coordinates (v, W then b laid out as the objective's) and the
    /// objective's (θ): θ = A·v per class, b = β·v_b. A is symmetric, so gradients map as ∇v = A·∇θ.
    /// One instance serves one optimisation at a time (it keeps a scratch block).
    /// </summary>
    internal sealed class Coordinates(double[] forward, double[] backward, int featureCount, double biasScale)
    {
        private readonly int _stride = RowBlockKernels.Stride(featureCount);
        private double[] _padded = [];

        /// <summary>θ from v.</summary>
        public void ToObjective(ReadOnlySpan<double> v, Span<double> theta) => Map(forward, biasScale, v, theta);

        /// <summary>v from θ (for a warm start).</summary>
        public void FromObjective(ReadOnlySpan<double> theta, Span<double> v) => Map(backward, 1 / biasScale, theta, v);

        /// <summary>The gradient in v from the gradient in θ.</summary>
        public void GradientToOptimizer(ReadOnlySpan<double> gradient, Span<double> result) => Map(forward, biasScale, gradient, result);

        private void Map(double[] matrix, double scale, ReadOnlySpan<double> input, Span<double> output)
        {
            var d = featureCount;
            var classes = input.Length / (d + 1);
            if (_padded.Length != classes * _stride)
            {
                _padded = new double[classes * _stride];
            }

            for (var k = 0; k < classes; k++)
            {
                input.Slice(k * d, d).CopyTo(_padded.AsSpan(k * _stride));
            }

            // Row k of the output is A·(row k of the input): A is symmetric, so its rows serve as the "classes".
            RowBlockKernels.Logits(_padded, _stride, 0, classes, matrix, d, output[..(classes * d)]);
            TensorPrimitives.Multiply(input[(classes * d)..], scale, output[(classes * d)..]);
        }
    }
}
