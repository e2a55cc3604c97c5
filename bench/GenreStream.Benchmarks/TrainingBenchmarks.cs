using BenchmarkDotNet.Attributes;
using GenreStream.Model.Softmax;
using GenreStream.Model.Training;

namespace GenreStream.Benchmarks;

/// <summary>
/// One evaluation of the training objective and its gradient at the size `genre train` meets on the shared
/// data (about 5,900 texture windows x 197 features x 10 genres), and its two products alone on one thread.
/// Warm training on the shared data is about 2,500 such evaluations.
/// </summary>
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    private const int Rows = 5900;
    private const int Features = 197;
    private const int Classes = 10;
    private LogisticObjective _objective = null!;
    private double[] _parameters = [];
    private double[] _gradient = [];
    private double[] _x = [];
    private double[] _w = [];
    private double[] _g = [];
    private double[] _z = [];
    private int _stride;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var x = new double[Rows * Features];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (random.NextDouble() * 2) - 1;
        }

        var labels = Enumerable.Range(0, Rows).Select(i => i % Classes).ToArray();
        _objective = new LogisticObjective(x, labels, Features, Classes, ModelKind.Multinomial, 1.0);
        _parameters = Enumerable.Range(0, _objective.ParameterCount).Select(_ => (random.NextDouble() - 0.5) * 0.1).ToArray();
        _gradient = new double[_objective.ParameterCount];
        _stride = RowBlockKernels.Stride(Features);
        _x = new double[Rows * _stride];
        _w = new double[Classes * _stride];
        _g = new double[Classes * _stride];
        _z = new double[Rows * Classes];
        for (var i = 0; i < Rows; i++)
        {
            x.AsSpan(i * Features, Features).CopyTo(_x.AsSpan(i * _stride));
        }

        random.NextBytes(new byte[1]);
        for (var i = 0; i < _w.Length; i++)
        {
            _w[i] = (random.NextDouble() - 0.5) * 0.1;
        }
    }

    /// <summary>Objective and gradient over every row (parallel over the cores, as in training).</summary>
    [Benchmark]
    public double Evaluate() => _objective.Evaluate(_parameters, _gradient);

    /// <summary>The logits X·Wᵀ alone, one thread.</summary>
    [Benchmark]
    public double Logits()
    {
        RowBlockKernels.Logits(_x, _stride, 0, Rows, _w, Classes, _z);
        return _z[0];
    }

    /// <summary>The gradient product Rᵀ·X alone, one thread.</summary>
    [Benchmark]
    public double AccumulateOuter()
    {
        RowBlockKernels.AccumulateOuter(_x, _stride, 0, Rows, _z, Classes, _g);
        return _g[0];
    }
}
