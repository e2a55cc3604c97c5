using System.Diagnostics;
using GenreStream.Model.Softmax;
using GenreStream.Streaming.Classification;
using GenreStream.Streaming.Realtime;
using GenreStream.Streaming.Smoothing;

namespace GenreStream.Host.Bench;

/// <summary>
/// The core chain (<see cref="WindowChain{TProbe}"/>: the framer, extractor, texture accumulator and scorer
/// the stream and the plugin run) on one thread, with a clock read between stages, so the time of each stage
/// is measured on the same data, with the same caches, as in the stream.
/// </summary>
/// <remarks>
/// What this leaves out is the Rx plumbing between the stages, which the end-to-end run includes. Each clock
/// read costs some tens of nanoseconds and is counted in the stage it ends (five reads per frame, about 1% of
/// a frame). Preallocated: <see cref="Push"/> never allocates.
/// </remarks>
internal sealed class StageProfile
{
    private readonly WindowChain<StageTimer> _chain;
    private readonly ExponentialSmoother _smoother;
    private readonly WindowClock _clock = WindowClock.Audio();
    private long _pushTicks;

    public StageProfile(SoftmaxModel model, double smoothingSeconds)
    {
        _chain = new WindowChain<StageTimer>(model, Smooth);
        _smoother = new ExponentialSmoother(model.ClassCount, smoothingSeconds);
    }

    /// <summary>Texture windows classified since the last <see cref="ResetTimes"/>.</summary>
    public long Windows => _chain.Probe.Windows;

    /// <summary>Forgets the times measured so far (after warm-up); the stream itself goes on.</summary>
    public void ResetTimes()
    {
        _pushTicks = 0;
        _chain.Probe = default;
    }

    /// <summary>Pushes one block of mono samples at the model's rate through every stage.</summary>
    public void Push(ReadOnlySpan<float> block)
    {
        var start = Stopwatch.GetTimestamp();
        _chain.Push(block);
        _pushTicks += Stopwatch.GetTimestamp() - start;
    }

    /// <summary>
    /// Nanoseconds per texture window of each stage since the last <see cref="ResetTimes"/>, times
    /// <paramref name="cpuShare"/> (the thread's CPU time over the wall time of the run; 1 on an idle machine).
    /// </summary>
    public StageTimes Times(double cpuShare)
    {
        ref readonly var t = ref _chain.Probe;
        var windows = Math.Max(1, t.Windows);
        double PerWindow(long ticks) => ticks * 1e9 / Stopwatch.Frequency / windows * cpuShare;
        var framing = _pushTicks - t.FftTicks - t.FeatureTicks - t.TextureTicks - t.ModelTicks;
        return new StageTimes(PerWindow(framing + t.FftTicks), PerWindow(t.FeatureTicks), PerWindow(t.TextureTicks), PerWindow(t.ModelTicks));
    }

    private void Smooth(in GenrePrediction prediction) => _smoother.Update(prediction.Probabilities.Span, _clock.Seconds(prediction));

    /// <summary>Clock reads between the chain's stages, summed per stage.</summary>
    private struct StageTimer : IStageProbe
    {
        private long _mark;

        public long FftTicks { get; private set; }

        public long FeatureTicks { get; private set; }

        public long TextureTicks { get; private set; }

        public long ModelTicks { get; private set; }

        public long Windows { get; private set; }

        public void FrameStarted() => _mark = Stopwatch.GetTimestamp();

        public void Transformed() => FftTicks += Lap();

        public void Described() => FeatureTicks += Lap();

        public void Accumulated(bool windowDue)
        {
            if (!windowDue)
            {
                TextureTicks += Lap();
            }
        }

        public void Summarised() => TextureTicks += Lap();

        public void Scored()
        {
            ModelTicks += Lap();
            Windows++;
        }

        private long Lap()
        {
            var now = Stopwatch.GetTimestamp();
            var lap = now - _mark;
            _mark = now;
            return lap;
        }
    }
}
