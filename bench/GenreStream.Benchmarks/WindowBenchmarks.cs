using BenchmarkDotNet.Attributes;
using GenreStream.Host.Bench;
using GenreStream.Model.Features;
using GenreStream.Model.Softmax;
using GenreStream.Streaming.Smoothing;

namespace GenreStream.Benchmarks;

/// <summary>
/// The per-window stages with the bundled model, per texture window (one classification step):
/// texture aggregation (a hop of frame vectors added, one summary) and the model (probabilities and smoothing).
/// </summary>
[MemoryDiagnoser]
public class WindowBenchmarks
{
    private SoftmaxModel _model = null!;
    private TextureAccumulator _accumulator = null!;
    private ExponentialSmoother _smoother = null!;
    private float[] _frames = [];
    private float[] _power = [];
    private float[] _window = [];
    private float[] _scratch = [];
    private float[] _logProbabilities = [];
    private float[] _probabilities = [];
    private int _stride;
    private int _next;
    private double _time;

    [GlobalSetup]
    public void Setup()
    {
        _model = BundledModel.Model;
        var spec = _model.Spec;
        var extractor = new FrameFeatureExtractor(spec);
        var signal = BenchSignal.Create(spec.SampleRate, 10);
        var count = ((signal.Length - spec.FrameSize) / spec.HopSize) + 1;
        _stride = extractor.FeatureCount;
        _frames = new float[count * _stride];
        _power = new float[count];
        for (var f = 0; f < count; f++)
        {
            var frame = signal.AsSpan(f * spec.HopSize, spec.FrameSize);
            extractor.Extract(frame, _frames.AsSpan(f * _stride, _stride));
            _power[f] = TimeDomain.MeanPower(frame);
        }

        _accumulator = TextureAccumulator.For(spec);
        _window = new float[_accumulator.OutputLength];
        while (!AddFrame())
        {
        }

        _accumulator.Summarise(_window);
        _smoother = new ExponentialSmoother(_model.ClassCount, 4);
        _scratch = new float[_model.FeatureCount];
        _logProbabilities = new float[_model.ClassCount];
        _probabilities = new float[_model.ClassCount];
    }

    [Benchmark]
    public float TextureAggregation()
    {
        while (!AddFrame())
        {
        }

        _accumulator.Summarise(_window);
        return _window[0];
    }

    [Benchmark]
    public float ModelAndSmoothing()
    {
        _model.PredictLogProbabilities(_window, _logProbabilities, _scratch);
        for (var k = 0; k < _probabilities.Length; k++)
        {
            _probabilities[k] = MathF.Exp(_logProbabilities[k]);
        }

        _time += 1.5;
        return _smoother.Update(_probabilities, _time)[0];
    }

    private bool AddFrame()
    {
        var f = _next;
        _next = (_next + 1) % _power.Length;
        return _accumulator.Add(_frames.AsSpan(f * _stride, _stride), _power[f]);
    }
}
