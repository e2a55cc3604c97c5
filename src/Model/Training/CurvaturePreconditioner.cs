using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using GenreStream.Model.Softmax;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace GenreStream.Model.Training;

/// <summary>
/// A change of variables that makes the regularised logistic objective nearly round, so L-BFGS needs a few
/// dozen iterations where it needed hundreds. The standardised features are strongly correlated (their
/// Gram matrix's eigenvalues span four orders of magnitude), and the objective's Hessian in a class's weights
/// is roughly s·XᵀDX + I/C, with s the softmax curvature of a row. Optimising v_k with w_k = A·v_k,
/// A = (s·XᵀDX + I/C)^(-1/2), leaves a Hessian near the identity; biases are scaled by 1/√(s·Σd_i).
/// </summary>
/// <remarks>
/// The minimum is the same point (the map is linear and invertible): only the path to it changes.
/// XᵀDX (D the row weights) and its eigendecomposition are computed once per data set and shared by
/// every C of a regularisation path; <see cref="ForC"/> costs O(d³) for the d×d matrices.
/// </remarks>
internal sealed class CurvaturePreconditioner
{
    private readonly Matrix<double> _vectors;
    private readonly Vector<double> _values;
    private readonly double _biasCurvature;
    private readonly double _curvature;

    private CurvaturePreconditioner(Matrix<double> vectors, Vector<double> values, double biasCurvature, double curvature)
    {
        _vectors = vectors;
        _values = values;
        _biasCurvature = biasCurvature;
        _curvature = curvature;
    }

    /// <summary>
    /// The row curvature s to assume: at W = 0 a row's softmax curvature is 1/K (a sigmoid's 1/4), and it falls
    /// as rows are fitted; a quarter of the starting value gave the fewest evaluations over the default C grid on
    /// the shared data (a tenth or the full value cost 10–25% more). It only changes the path, never the optimum.
    /// </summary>
    public static double TypicalCurvature(ModelKind kind, int classCount) =>
        kind == ModelKind.OneVsRest ? 0.25 / 4 : 0.25 / classCount;

    /// <param name="standardised">Row-major n × d standardised features.</param>
    /// <param name="featureCount">d.</param>
    /// <param name="weights">Per-row loss weights, or empty for 1 each.</param>
    /// <param name="curvature">s: the assumed second derivative of one row's loss in its logit.</param>
    public static CurvaturePreconditioner Create(double[] standardised, int featureCount, ReadOnlySpan<float> weights, double curvature)
    {
        var d = featureCount;
        var n = standardised.Length / d;
        var stride = RowBlockKernels.Stride(d);
        var weighted = new double[n * d];
        var padded = new double[n * stride];
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            var w = weights.IsEmpty ? 1.0 : weights[i];
            total += w;
            var row = weighted.AsSpan(i * d, d);
            TensorPrimitives.Multiply(standardised.AsSpan(i * d, d), Math.Sqrt(w), row);
            row.CopyTo(padded.AsSpan(i * stride));
        }

        // XᵀDX is the gradient kernel's outer-product sum with the rows themselves as "residuals".
        var product = new double[d * stride];
        RowBlockKernels.AccumulateOuter(padded, stride, 0, n, weighted, d, product);
        var gram = Matrix<double>.Build.Dense(d, d, (r, c) => product[(r * stride) + c]);
        var evd = gram.Evd(Symmetricity.Symmetric);
        return new CurvaturePreconditioner(evd.EigenVectors, evd.EigenValues.Map(e => Math.Max(e.Real, 0)), Math.Max(total, 1), curvature);
    }

    /// <summary>The change of variables for one C.</summary>
    public Coordinates ForC(double c)
    {
        var d = _values.Count;
        var forward = Scaled(e => 1 / Math.Sqrt((_curvature * e) + (1 / c)));
        var backward = Scaled(e => Math.Sqrt((_curvature * e) + (1 / c)));
        return new Coordinates(forward, backward, d, 1 / Math.Sqrt(_curvature * _biasCurvature));
    }

    private double[] Scaled(Func<double, double> f)
    {
        var scaled = _vectors * Matrix<double>.Build.DiagonalOfDiagonalVector(_values.Map(f)) * _vectors.Transpose();
        return scaled.ToRowMajorArray();
    }

    /// <summary>
    /// Maps parameters between the optimiser's coordinates (v, W then b laid out as the objective's) and the
    /// objective's (θ): θ = A·v per class, b = β·v_b. A is symmetric, so gradients map as ∇v = A·∇θ.
    /// </summary>
    internal sealed class Coordinates(double[] forward, double[] backward, int featureCount, double biasScale)
    {
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
            for (var k = 0; k < classes; k++)
            {
                var from = input.Slice(k * d, d);
                var to = output.Slice(k * d, d);
                for (var j = 0; j < d; j++)
                {
                    to[j] = TensorPrimitives.Dot(new ReadOnlySpan<double>(matrix, j * d, d), from);
                }
            }

            TensorPrimitives.Multiply(input[(classes * d)..], scale, output[(classes * d)..]);
        }
    }
}
