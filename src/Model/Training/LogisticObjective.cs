using System.Numerics.Tensors;
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
/// allocates nothing of its own (Parallel.For's bookkeeping aside). The data are doubles because the objective
/// is a sum over thousands of rows: float accumulation leaves gradient noise near 1e-4 at n = 7000, above
/// the stopping tolerance.
/// </remarks>
internal sealed class LogisticObjective
{
    private const int MinimumChunkRows = 128;
    private const int MaximumChunks = 64;

    private readonly double[] _x;
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
    private readonly Action<int> _chunkBody;

    /// <summary>Keeps <paramref name="standardised"/> (row-major n × d, not copied) and allocates every buffer.</summary>
    /// <param name="standardised">Row-major n × d standardised features.</param>
    /// <param name="labels">Class index per row.</param>
    /// <param name="featureCount">d.</param>
    /// <param name="classCount">K.</param>
    /// <param name="kind">Multinomial or one-vs-rest loss.</param>
    /// <param name="c">Inverse L2 strength.</param>
    /// <param name="weights">Per-row loss weights, or empty for 1 each.</param>
    public LogisticObjective(double[] standardised, ReadOnlySpan<int> labels, int featureCount, int classCount, ModelKind kind, double c, ReadOnlySpan<float> weights = default)
    {
        _x = standardised;
        _labels = labels.ToArray();
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
        _chunkLoss = new double[chunks];
        for (var i = 0; i < chunks; i++)
        {
            _chunkGradients[i] = new double[ParameterCount];
            _chunkLogits[i] = new double[_k];
        }

        _point = new double[ParameterCount];
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
        gradient.Clear();
        for (var c = 0; c < chunks; c++)
        {
            loss += _chunkLoss[c];
            TensorPrimitives.Add(gradient, _chunkGradients[c], gradient);
        }

        return loss + AddPenalty(parameters, gradient, 1.0);
    }

    /// <summary>
    /// The data loss of the rows <paramref name="rows"/> only, its gradient added to <paramref name="gradient"/>
    /// (serial; for mini-batches). <paramref name="scratch"/> holds K values. No penalty.
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

    /// <summary>Returns the penalty <paramref name="scale"/>·||W||²/(2C) and adds its gradient to <paramref name="gradient"/>.</summary>
    public double AddPenalty(ReadOnlySpan<double> parameters, Span<double> gradient, double scale)
    {
        var weights = parameters[..(_k * _d)];
        var factor = scale * _inverseC;
        TensorPrimitives.MultiplyAdd(weights, factor, gradient[..weights.Length], gradient[..weights.Length]);
        return 0.5 * factor * TensorPrimitives.Dot(weights, weights);
    }

    private void EvaluateChunk(int chunk)
    {
        var gradient = _chunkGradients[chunk];
        Array.Clear(gradient);
        var start = chunk * _chunkRows;
        var end = Math.Min(_labels.Length, start + _chunkRows);
        var loss = 0.0;
        for (var i = start; i < end; i++)
        {
            loss += AccumulateRow(i, _point, gradient, _chunkLogits[chunk]);
        }

        _chunkLoss[chunk] = loss;
    }

    private double AccumulateRow(int row, ReadOnlySpan<double> parameters, Span<double> gradient, Span<double> z)
    {
        var x = new ReadOnlySpan<double>(_x, row * _d, _d);
        var y = _labels[row];
        var biases = parameters.Slice(_k * _d, _k);
        for (var k = 0; k < _k; k++)
        {
            z[k] = TensorPrimitives.Dot(parameters.Slice(k * _d, _d), x) + biases[k];
        }

        double loss;
        if (_oneVsRest)
        {
            loss = -z[y];
            for (var k = 0; k < _k; k++)
            {
                loss -= LogSigmoid.Of(-z[k]); // softplus(z) = -log σ(-z)
                z[k] = Sigmoid(z[k]) - (k == y ? 1 : 0);
            }
        }
        else
        {
            var max = TensorPrimitives.Max(z[.._k]);
            var sum = 0.0;
            for (var k = 0; k < _k; k++)
            {
                sum += Math.Exp(z[k] - max);
            }

            var logNormaliser = max + Math.Log(sum);
            loss = logNormaliser - z[y];
            for (var k = 0; k < _k; k++)
            {
                z[k] = Math.Exp(z[k] - logNormaliser) - (k == y ? 1 : 0);
            }
        }

        if (_weights is not null)
        {
            var w = _weights[row];
            loss *= w;
            for (var k = 0; k < _k; k++)
            {
                z[k] *= w;
            }
        }

        var biasGradient = gradient.Slice(_k * _d, _k);
        for (var k = 0; k < _k; k++)
        {
            var g = gradient.Slice(k * _d, _d);
            TensorPrimitives.MultiplyAdd(x, z[k], g, g);
            biasGradient[k] += z[k];
        }

        return loss;
    }

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
