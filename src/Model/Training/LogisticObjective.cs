using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using GenreStream.Model.Softmax;

namespace GenreStream.Model.Training;

/// <summary>
/// The regularised training objective and its gradient over a standardised, row-major double matrix:
/// Σ_i loss(x_i, y_i) + ||W||² / (2C), biases unpenalised — scikit-learn's (1.2) lbfgs objective.
/// Multinomial: loss = cross-entropy of softmax(z). One-vs-rest: loss = Σ_k binary cross-entropy of σ(z_k)
/// against [y = k]; the K problems share no parameter, so the summed objective's minimum is the K separate minima.
/// </summary>
/// <remarks>
/// Parameters are laid out as W (K × d, row-major) then b (K). Rows are split into a fixed number of chunks
/// (independent of the machine) evaluated in parallel into per-chunk buffers and summed in chunk order, so
/// results are bit-identical on any core count. All buffers are allocated here: <see cref="Evaluate"/>
/// allocates nothing of its own (Parallel.For's bookkeeping aside).
/// The standardised rows are stored as floats, padded to <see cref="RowBlockKernels.Stride"/>: a fixed rounding
/// of the data (relative 6e-8, as fine as the raw float features), which halves the memory each evaluation
/// streams. Every product and sum is in double: float accumulation leaves gradient noise near 1e-4 at n = 7000,
/// above the stopping tolerance. Each chunk works through its rows four at a time: widens them into an L1-sized
/// double block, computes their logits, losses and residuals, and adds their outer products to its gradient,
/// so the rows are read from memory once per evaluation.
/// </remarks>
internal sealed class LogisticObjective
{
    private const int MinimumChunkRows = 128;
    private const int MaximumChunks = 64;

    private const int BlockRows = 4;

    private readonly float[] _x;
    private readonly double[][] _chunkBlocks;
    private readonly double[] _rowScratch;
    private readonly int _stride;
    private readonly double[] _paddedWeights;
    private readonly int[] _labels;
    private readonly double[]? _weights;
    private readonly int _d;
    private readonly int _k;
    private readonly bool _oneVsRest;
    private readonly double _inverseC;
    private readonly int _chunkRows;
    private readonly double[][] _chunkGradients;
    private readonly double[][] _chunkLogits;
    private readonly double[] _chunkLoss;
    private readonly double[] _point;
    private readonly double[] _paddedGradient;
    private readonly Action<int> _chunkBody;

    /// <summary>Copies <paramref name="standardised"/> (row-major n × d) into padded rows and allocates every buffer.</summary>
    /// <param name="standardised">Row-major n × d standardised features.</param>
    /// <param name="labels">Class index per row.</param>
    /// <param name="featureCount">d.</param>
    /// <param name="classCount">K.</param>
    /// <param name="kind">Multinomial or one-vs-rest loss.</param>
    /// <param name="c">Inverse L2 strength.</param>
    /// <param name="weights">Per-row loss weights, or empty for 1 each.</param>
    public LogisticObjective(double[] standardised, ReadOnlySpan<int> labels, int featureCount, int classCount, ModelKind kind, double c, ReadOnlySpan<float> weights = default)
    {
        _labels = labels.ToArray();
        _stride = RowBlockKernels.Stride(featureCount);
        _x = new float[_labels.Length * _stride];
        for (var i = 0; i < _labels.Length; i++)
        {
            TensorPrimitives.ConvertTruncating<double, float>(standardised.AsSpan(i * featureCount, featureCount), _x.AsSpan(i * _stride, featureCount));
        }

        _rowScratch = new double[_stride];

        if (!weights.IsEmpty)
        {
            _weights = new double[weights.Length];
            for (var i = 0; i < weights.Length; i++)
            {
                _weights[i] = weights[i];
            }
        }

        _d = featureCount;
        _k = classCount;
        _oneVsRest = kind == ModelKind.OneVsRest;
        _inverseC = 1 / c;
        var n = _labels.Length;
        _chunkRows = Math.Max(MinimumChunkRows, (n + MaximumChunks - 1) / MaximumChunks);
        var chunks = Math.Max(1, (n + _chunkRows - 1) / _chunkRows);
        _chunkGradients = new double[chunks][];
        _chunkLogits = new double[chunks][];
        _chunkBlocks = new double[chunks][];
        _chunkLoss = new double[chunks];
        for (var i = 0; i < chunks; i++)
        {
            _chunkGradients[i] = new double[(_k * _stride) + _k];
            _chunkLogits[i] = new double[BlockRows * _k];
            _chunkBlocks[i] = new double[BlockRows * _stride];
        }

        _point = new double[ParameterCount];
        _paddedWeights = new double[_k * _stride];
        _paddedGradient = new double[(_k * _stride) + _k];
        _chunkBody = EvaluateChunk;
    }

    public int RowCount => _labels.Length;

    public int FeatureCount => _d;

    public int ClassCount => _k;

    /// <summary>K·(d + 1): weights then biases.</summary>
    public int ParameterCount => _k * (_d + 1);

    /// <summary>The objective at <paramref name="parameters"/>; writes its gradient into <paramref name="gradient"/>.</summary>
    public double Evaluate(ReadOnlySpan<double> parameters, Span<double> gradient)
    {
        parameters.CopyTo(_point);
        for (var k = 0; k < _k; k++)
        {
            parameters.Slice(k * _d, _d).CopyTo(_paddedWeights.AsSpan(k * _stride));
        }

        var chunks = _chunkLoss.Length;
        if (chunks == 1 || Environment.ProcessorCount == 1)
        {
            for (var c = 0; c < chunks; c++)
            {
                EvaluateChunk(c);
            }
        }
        else
        {
            Parallel.For(0, chunks, _chunkBody);
        }

        var loss = 0.0;
        Array.Clear(_paddedGradient);
        for (var c = 0; c < chunks; c++)
        {
            loss += _chunkLoss[c];
            TensorPrimitives.Add(_paddedGradient, _chunkGradients[c], _paddedGradient);
        }

        for (var k = 0; k < _k; k++)
        {
            _paddedGradient.AsSpan(k * _stride, _d).CopyTo(gradient.Slice(k * _d, _d));
        }

        _paddedGradient.AsSpan(_k * _stride, _k).CopyTo(gradient.Slice(_k * _d, _k));
        return loss + AddPenalty(parameters, gradient, 1.0);
    }

    /// <summary>
    /// The data loss of the rows <paramref name="rows"/> only, its gradient added to <paramref name="gradient"/>
    /// (serial, one caller at a time; for mini-batches). <paramref name="scratch"/> holds K values. No penalty.
    /// </summary>
    public double AccumulateRows(ReadOnlySpan<int> rows, ReadOnlySpan<double> parameters, Span<double> gradient, Span<double> scratch)
    {
        var loss = 0.0;
        foreach (var i in rows)
        {
            loss += AccumulateRow(i, parameters, gradient, scratch);
        }

        return loss;
    }

    /// <summary>
    /// Each row's softmax curvature at <paramref name="parameters"/>, times its weight: the mean over classes of
    /// the Hessian's diagonal in the logits, Σ_k p_k(1 − p_k)/K (one-vs-rest: Σ_k σ_k(1 − σ_k)/K). For
    /// <see cref="CurvaturePreconditioner.AtPoint"/>; serial, not while <see cref="Evaluate"/> runs.
    /// </summary>
    public void RowCurvatures(ReadOnlySpan<double> parameters, Span<double> curvatures)
    {
        for (var k = 0; k < _k; k++)
        {
            parameters.Slice(k * _d, _d).CopyTo(_paddedWeights.AsSpan(k * _stride));
        }

        var biases = parameters.Slice(_k * _d, _k);
        var block = _chunkBlocks[0];
        var z = _chunkLogits[0];
        for (var first = 0; first < _labels.Length; first += BlockRows)
        {
            var rows = Math.Min(BlockRows, _labels.Length - first);
            RowBlockKernels.Widen(_x.AsSpan(first * _stride, rows * _stride), block);
            RowBlockKernels.Logits(block, _stride, 0, rows, _paddedWeights, _k, z);
            for (var r = 0; r < rows; r++)
            {
                var row = z.AsSpan(r * _k, _k);
                TensorPrimitives.Add(row, biases, row);
                if (_oneVsRest)
                {
                    for (var k = 0; k < _k; k++)
                    {
                        row[k] = Sigmoid(row[k]);
                    }
                }
                else
                {
                    // exp(z - max) as the objective does: a logit above ~709 would overflow exp otherwise.
                    TensorPrimitives.Subtract(row, TensorPrimitives.Max<double>(row), row);
                    TensorPrimitives.SoftMax(row, row);
                }

                var curvature = 0.0;
                foreach (var p in row)
                {
                    curvature += p * (1 - p);
                }

                curvatures[first + r] = curvature / _k * (_weights is null ? 1 : _weights[first + r]);
            }
        }
    }

    /// <summary>Returns the penalty <paramref name="scale"/>·||W||²/(2C) and adds its gradient to <paramref name="gradient"/>.</summary>
    public double AddPenalty(ReadOnlySpan<double> parameters, Span<double> gradient, double scale)
    {
        var weights = parameters[..(_k * _d)];
        var factor = scale * _inverseC;
        TensorPrimitives.MultiplyAdd(weights, factor, gradient[..weights.Length], gradient[..weights.Length]);
        return 0.5 * factor * TensorPrimitives.Dot(weights, weights);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EvaluateChunk(int chunk)
    {
        var gradient = _chunkGradients[chunk];
        Array.Clear(gradient);
        var block = _chunkBlocks[chunk];
        var start = chunk * _chunkRows;
        var end = Math.Min(_labels.Length, start + _chunkRows);
        var biases = _point.AsSpan(_k * _d, _k);
        var biasGradient = gradient.AsSpan(_k * _stride, _k);
        var loss = 0.0;
        for (var first = start; first < end; first += BlockRows)
        {
            var rows = Math.Min(BlockRows, end - first);
            RowBlockKernels.Widen(_x.AsSpan(first * _stride, rows * _stride), block);
            var z = _chunkLogits[chunk].AsSpan(0, rows * _k);
            RowBlockKernels.Logits(block, _stride, 0, rows, _paddedWeights, _k, z);
            for (var r = 0; r < rows; r++)
            {
                for (var k = 0; k < _k; k++)
                {
                    z[(r * _k) + k] += biases[k];
                }
            }

            loss += LossAndResiduals(first, rows, z);
            for (var r = 0; r < rows; r++)
            {
                for (var k = 0; k < _k; k++)
                {
                    biasGradient[k] += z[(r * _k) + k];
                }
            }

            RowBlockKernels.AccumulateOuter(block, _stride, 0, rows, z, _k, gradient);
        }

        _chunkLoss[chunk] = loss;
    }

    private double AccumulateRow(int row, ReadOnlySpan<double> parameters, Span<double> gradient, Span<double> z)
    {
        var x = _rowScratch.AsSpan(0, _d);
        TensorPrimitives.ConvertChecked<float, double>(_x.AsSpan(row * _stride, _d), x);
        var biases = parameters.Slice(_k * _d, _k);
        for (var k = 0; k < _k; k++)
        {
            z[k] = TensorPrimitives.Dot(parameters.Slice(k * _d, _d), x) + biases[k];
        }

        var loss = LossAndResiduals(row, 1, z[.._k]);
        var biasGradient = gradient.Slice(_k * _d, _k);
        for (var k = 0; k < _k; k++)
        {
            var g = gradient.Slice(k * _d, _d);
            TensorPrimitives.MultiplyAdd(x, z[k], g, g);
            biasGradient[k] += z[k];
        }

        return loss;
    }

    /// <summary>
    /// The (weighted) loss of <paramref name="rows"/> consecutive rows from <paramref name="firstRow"/>, from their
    /// logits <paramref name="z"/> (rows × K, biases included), which become dloss/dz. The multinomial softmax
    /// takes one vectorised exp over the whole block; the small per-row loops stay scalar (K is about 10).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double LossAndResiduals(int firstRow, int rows, Span<double> z)
    {
        var loss = 0.0;
        if (_oneVsRest)
        {
            for (var r = 0; r < rows; r++)
            {
                var row = z.Slice(r * _k, _k);
                var y = _labels[firstRow + r];
                var rowLoss = -row[y];
                for (var k = 0; k < _k; k++)
                {
                    rowLoss -= LogSigmoid.Of(-row[k]); // softplus(z) = -log σ(-z)
                    row[k] = Sigmoid(row[k]) - (k == y ? 1 : 0);
                }

                loss += Weighted(firstRow + r, rowLoss, row);
            }

            return loss;
        }

        // p = exp(z - max) / Σ exp(z - max); loss = log Σ exp(z - max) - (z_y - max).
        Span<double> shiftedTruth = stackalloc double[rows];
        for (var r = 0; r < rows; r++)
        {
            var row = z.Slice(r * _k, _k);
            var max = row[0];
            for (var k = 1; k < _k; k++)
            {
                max = Math.Max(max, row[k]);
            }

            for (var k = 0; k < _k; k++)
            {
                row[k] -= max;
            }

            shiftedTruth[r] = row[_labels[firstRow + r]];
        }

        var block = z[..(rows * _k)];
        TensorPrimitives.Exp(block, block);
        for (var r = 0; r < rows; r++)
        {
            var row = z.Slice(r * _k, _k);
            var sum = 0.0;
            for (var k = 0; k < _k; k++)
            {
                sum += row[k];
            }

            var inverse = 1 / sum;
            for (var k = 0; k < _k; k++)
            {
                row[k] *= inverse;
            }

            row[_labels[firstRow + r]] -= 1;
            loss += Weighted(firstRow + r, Math.Log(sum) - shiftedTruth[r], row);
        }

        return loss;
    }

    private double Weighted(int row, double loss, Span<double> residual)
    {
        if (_weights is null)
        {
            return loss;
        }

        var w = _weights[row];
        for (var k = 0; k < residual.Length; k++)
        {
            residual[k] *= w;
        }

        return loss * w;
    }

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
