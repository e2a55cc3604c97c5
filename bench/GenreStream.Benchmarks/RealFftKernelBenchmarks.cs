using BenchmarkDotNet.Attributes;
using GenreStream.Benchmarks.Baselines;
using GenreStream.Model.Features;

namespace GenreStream.Benchmarks;

/// <summary>
/// The windowed 2048-point power spectrum of one frame, as <c>FrameFeatureExtractor.Transform</c> takes it: the kernel of
/// commit 79a2459 (<see cref="BaselineRealFft"/>: window pass, radix-2 passes, power in a second sweep) against the current
/// <see cref="RealFft"/> (radix-2² pass pairs, power in the split's sweep), in the same run.
/// </summary>
[MemoryDiagnoser]
public class RealFftKernelBenchmarks
{
    private const int Length = 2048;
    private readonly BaselineRealFft _baseline = new(Length);
    private readonly RealFft _current = new(Length);
    private readonly float[] _frame = Host.Bench.BenchSignal.Create(22050, 1).AsSpan(4096, Length).ToArray();
    private readonly float[] _window = HannWindow.Create(Length);
    private readonly float[] _windowed = new float[Length];
    private readonly float[] _power = new float[(Length / 2) + 1];
    private readonly float[] _re = new float[(Length / 2) + 1];
    private readonly float[] _im = new float[(Length / 2) + 1];

    [Benchmark(Baseline = true)]
    public float Baseline()
    {
        System.Numerics.Tensors.TensorPrimitives.Multiply(_frame, _window, _windowed);
        _baseline.PowerSpectrum(_windowed, _power, _re, _im);
        return _power[10];
    }

    [Benchmark]
    public float Current()
    {
        _current.PowerSpectrum(_frame, _window, _power);
        return _power[10];
    }
}
