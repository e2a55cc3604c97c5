using BenchmarkDotNet.Attributes;
using GenreStream.Host.Bench;
using GenreStream.Model.Softmax;

namespace GenreStream.Benchmarks;

/// <summary>
/// The whole Rx pipeline with the bundled model, block in to smoothed event, per texture window: 65 blocks of 1024
/// samples are 130 frames, two windows. <see cref="MemoryDiagnoserAttribute"/> should show 0 bytes allocated.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the lifetime: GlobalCleanup disposes the run.")]
public class PipelineBenchmarks
{
    private const int BlocksPerInvoke = 65;
    private StreamRun _run = null!;

    [GlobalSetup]
    public void Setup()
    {
        var model = BundledModel.Model;
        _run = new StreamRun(model, 4, BenchSignal.Create(model.Spec.SampleRate));
        _run.Push(400);
    }

    [GlobalCleanup]
    public void Cleanup() => _run.Dispose();

    [Benchmark(OperationsPerInvoke = 2)]
    public long EndToEndPerWindow()
    {
        _run.Push(BlocksPerInvoke);
        return _run.Windows;
    }
}
