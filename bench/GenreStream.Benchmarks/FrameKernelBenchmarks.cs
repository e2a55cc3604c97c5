using BenchmarkDotNet.Attributes;
using GenreStream.Benchmarks.Baselines;
using GenreStream.Model.Features;

namespace GenreStream.Benchmarks;

/// <summary>
/// A frame's features with the shipped feature set, per frame, old against new in the same run: the extractor of commit
/// 79a2459 (<see cref="BaselineFrameFeatureExtractor"/> and the kernels it was built of) and the current
/// <see cref="FrameFeatureExtractor"/>, split as <c>Transform</c> (window, FFT, power) and <c>Describe</c> (everything else).
/// </summary>
[MemoryDiagnoser]
public class FrameKernelBenchmarks
{
    private readonly BaselineFrameFeatureExtractor _baseline = new(FeatureSpec.Default);
    private readonly FrameFeatureExtractor _current = new(FeatureSpec.Default);
    private readonly float[] _frame = Host.Bench.BenchSignal.Create(FeatureSpec.Default.SampleRate, 1).AsSpan(4096, FeatureSpec.Default.FrameSize).ToArray();
    private float[] _features = [];

    [GlobalSetup]
    public void Setup()
    {
        _features = new float[_current.FeatureCount];
        _baseline.Extract(_frame, _features);
        _current.Extract(_frame, _features);
    }

    [Benchmark(Baseline = true)]
    public void BaselineTransform() => _baseline.Transform(_frame);

    [Benchmark]
    public void CurrentTransform() => _current.Transform(_frame);

    [Benchmark]
    public float BaselineDescribe()
    {
        _baseline.Describe(_frame, _features);
        return _features[0];
    }

    [Benchmark]
    public float CurrentDescribe()
    {
        _current.Describe(_frame, _features);
        return _features[0];
    }
}
