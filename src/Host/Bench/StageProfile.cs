using System.Diagnostics;
using GenreStream.Model.Features;
using GenreStream.Model.Softmax;
using GenreStream.Streaming.Framing;
using GenreStream.Streaming.Smoothing;

namespace GenreStream.Host.Bench;

/// <summary>
/// The pipeline's kernels called in the pipeline's order on one thread, with a clock read between stages,
/// so the time of each stage is measured on the same data, with the same caches, as in the stream.
/// </summary>
/// <remarks>
/// The Rx stages call exactly these kernels (<see cref="Framer"/>, <see cref="FrameFeatureExtractor"/>,
/// <see cref="TextureAccumulator"/>, <see cref="SoftmaxModel"/>, <see cref="ExponentialSmoother"/>); what this
/// leaves out is the Rx plumbing between them, which the end-to-end run includes. Each clock read costs
/// some tens of nanoseconds and is counted in the stage it ends (five reads per frame, about 1% of a frame).
/// Preallocated: <see cref="Push"/> never allocates.
/// </remarks>
internal sealed class StageProfile
{
    private static readonly FrameCallback<StageProfile> OnFrame = static (profile, _, frame) => profile.Frame(frame);

    private readonly SoftmaxModel _model;
    private readonly Framer _framer;
    private readonly FrameFeatureExtractor _extractor;
    private readonly TextureAccumulator _accumulator;
    private readonly ExponentialSmoother _smoother;
    private readonly float[] _features;
    private readonly float[] _window;
    private readonly float[] _scratch;
    private readonly float[] _logProbabilities;
    private readonly float[] _probabilities;
    private readonly double _secondsPerFrame;
    private long _pushTicks;
    private long _fftTicks;
    private long _featureTicks;
    private long _textureTicks;
    private long _modelTicks;

    public StageProfile(SoftmaxModel model, double smoothingSeconds)
    {
        var spec = model.Spec;
        _model = model;
        _framer = new Framer(spec.FrameSize, spec.HopSize);
        _extractor = new FrameFeatureExtractor(spec);
        _accumulator = TextureAccumulator.For(spec);
        _smoother = new ExponentialSmoother(model.ClassCount, smoothingSeconds);
        _features = new float[_extractor.FeatureCount];
        _window = new float[_accumulator.OutputLength];
        _scratch = new float[model.FeatureCount];
        _logProbabilities = new float[model.ClassCount];
        _probabilities = new float[model.ClassCount];
        _secondsPerFrame = (double)spec.HopSize / spec.SampleRate;
    }

    /// <summary>Texture windows classified since the last <see cref="ResetTimes"/>.</summary>
    public long Windows { get; private set; }

    /// <summary>Forgets the times measured so far (after warm-up); the stream itself goes on.</summary>
    public void ResetTimes()
    {
        _pushTicks = _fftTicks = _featureTicks = _textureTicks = _modelTicks = 0;
        Windows = 0;
    }

    /// <summary>Pushes one block of mono samples at the model's rate through every stage.</summary>
    public void Push(ReadOnlySpan<float> block)
    {
        var start = Stopwatch.GetTimestamp();
        _framer.Push(block, this, OnFrame);
        _pushTicks += Stopwatch.GetTimestamp() - start;
    }

    /// <summary>
    /// Nanoseconds per texture window of each stage since the last <see cref="ResetTimes"/>, times
    /// <paramref name="cpuShare"/> (the thread's CPU time over the wall time of the run; 1 on an idle machine).
    /// </summary>
    public StageTimes Times(double cpuShare)
    {
        var windows = Math.Max(1, Windows);
        double PerWindow(long ticks) => ticks * 1e9 / Stopwatch.Frequency / windows * cpuShare;
        var framing = _pushTicks - _fftTicks - _featureTicks - _textureTicks - _modelTicks;
        return new StageTimes(PerWindow(framing + _fftTicks), PerWindow(_featureTicks), PerWindow(_textureTicks), PerWindow(_modelTicks));
    }

    private void Frame(float[] frame)
    {
        var t0 = Stopwatch.GetTimestamp();
        _extractor.Transform(frame);
        var t1 = Stopwatch.GetTimestamp();
        _extractor.Describe(frame, _features);
        var power = TimeDomain.MeanPower(frame);
        var t2 = Stopwatch.GetTimestamp();
        var due = _accumulator.Add(_features, power);
        _fftTicks += t1 - t0;
        _featureTicks += t2 - t1;
        if (!due)
        {
            _textureTicks += Stopwatch.GetTimestamp() - t2;
            return;
        }

        var start = _accumulator.FirstFrameOfSummary * _secondsPerFrame;
        _accumulator.Summarise(_window);
        var t3 = Stopwatch.GetTimestamp();
        _model.PredictLogProbabilities(_window, _logProbabilities, _scratch);
        for (var k = 0; k < _probabilities.Length; k++)
        {
            _probabilities[k] = MathF.Exp(_logProbabilities[k]);
        }

        _smoother.Update(_probabilities, start);
        var t4 = Stopwatch.GetTimestamp();
        _textureTicks += t3 - t2;
        _modelTicks += t4 - t3;
        Windows++;
    }
}
