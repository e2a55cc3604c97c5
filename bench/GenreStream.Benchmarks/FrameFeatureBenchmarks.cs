using BenchmarkDotNet.Attributes;
using GenreStream.Model.Features;

namespace GenreStream.Benchmarks;

/// <summary>
/// The two halves of a frame's features with the shipped feature set, per frame: <c>Transform</c> (Hann window,
/// FFT, power and magnitude) and <c>Describe</c> (mel banks, MFCC, spectral shape, flux, zero crossings, level, chroma).
/// </summary>
[MemoryDiagnoser]
public class FrameFeatureBenchmarks
{
    private readonly FrameFeatureExtractor _extractor = new(FeatureSpec.Default);
    private readonly float[] _frame = Host.Bench.BenchSignal.Create(FeatureSpec.Default.SampleRate, 1).AsSpan(4096, FeatureSpec.Default.FrameSize).ToArray();
    private float[] _features = [];

    [GlobalSetup]
    public void Setup()
    {
        _features = new float[_extractor.FeatureCount];
        _extractor.Extract(_frame, _features);
    }

    [Benchmark]
    public void Transform() => _extractor.Transform(_frame);

    [Benchmark]
    public float Describe()
    {
        _extractor.Describe(_frame, _features);
        return TimeDomain.MeanPower(_frame);
    }
}
