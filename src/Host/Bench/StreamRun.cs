using System.Diagnostics;
using System.Reactive.Subjects;
using GenreStream.Model.Softmax;
using GenreStream.Streaming;
using GenreStream.Streaming.Audio;

namespace GenreStream.Host.Bench;

/// <summary>
/// One stream through the real Rx pipeline (<see cref="GenrePipeline.PredictSmoothed"/>), fed block by block
/// from a looped signal as fast as one thread can: counts the audio and the events, and records each
/// event's latency from the arrival of the block that holds the window's last sample.
/// </summary>
/// <remarks>Not thread-safe: one run per thread. After construction, <see cref="RunFor"/> allocates nothing.</remarks>
internal sealed class StreamRun : IDisposable
{
    private readonly float[] _signal;
    private readonly AudioFormat _format;
    private readonly Subject<AudioBlock> _input = new();
    private readonly IDisposable _subscription;
    private readonly LatencyRecorder _latencies;
    private long _blockArrival;
    private long _position;
    private long _pushed;

    /// <param name="model">The model whose features and classes the pipeline runs.</param>
    /// <param name="smoothingSeconds">The smoothing time constant, in seconds.</param>
    /// <param name="signal">Mono samples at the model's rate, a whole number of blocks long; looped.</param>
    /// <param name="latencyCapacity">Latencies kept for the percentiles (8 bytes each): fewer when many streams run.</param>
    public StreamRun(SoftmaxModel model, double smoothingSeconds, float[] signal, int latencyCapacity = 1 << 16)
    {
        _signal = signal;
        _latencies = new LatencyRecorder(latencyCapacity);
        _format = AudioFormat.Mono(model.Spec.SampleRate);
        _subscription = _input.PredictSmoothed(model, TimeSpan.FromSeconds(smoothingSeconds)).Subscribe(_ =>
        {
            _latencies.Add(Stopwatch.GetTimestamp() - _blockArrival);
            Windows++;
        });
    }

    /// <summary>Smoothed events (one per texture window) since the last <see cref="ResetCounts"/>.</summary>
    public long Windows { get; private set; }

    /// <summary>Samples pushed since the last <see cref="ResetCounts"/>.</summary>
    public long Samples { get; private set; }

    /// <summary>Latencies of the events since the last <see cref="ResetCounts"/>.</summary>
    public LatencyRecorder Latencies => _latencies;

    /// <summary>Forgets the counts (after warm-up); the stream itself goes on.</summary>
    public void ResetCounts()
    {
        Windows = 0;
        Samples = 0;
        _latencies.Clear();
    }

    /// <summary>Pushes blocks until <paramref name="duration"/> of wall time has passed.</summary>
    public void RunFor(TimeSpan duration)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        do
        {
            Push(16);
        }
        while (Stopwatch.GetTimestamp() < end);
    }

    /// <summary>Pushes <paramref name="blocks"/> blocks of <see cref="BenchSignal.BlockSamples"/> samples.</summary>
    public void Push(int blocks)
    {
        for (var b = 0; b < blocks; b++)
        {
            PushBlock();
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _input.Dispose();
    }

    private void PushBlock()
    {
        var block = _signal.AsMemory((int)_position, BenchSignal.BlockSamples);
        _blockArrival = Stopwatch.GetTimestamp();
        _input.OnNext(new AudioBlock(block, _format, _pushed));
        _pushed += BenchSignal.BlockSamples;
        Samples += BenchSignal.BlockSamples;
        _position = (_position + BenchSignal.BlockSamples) % _signal.Length;
    }
}
