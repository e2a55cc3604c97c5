using GenreStream.Model.Features;
using GenreStream.Model.Softmax;
using GenreStream.Streaming.Classification;
using GenreStream.Streaming.Features;
using GenreStream.Streaming.Framing;

namespace GenreStream.Streaming.Realtime;

/// <summary>Receives each window a <see cref="WindowChain{TProbe}"/> scores; the prediction's buffers are lent for the call.</summary>
public delegate void WindowHandler(in GenrePrediction prediction);

/// <summary>
/// The core chain, synchronously: mono samples at the model's rate → <see cref="Framer"/> →
/// <see cref="FrameFeatureExtractor"/> → <see cref="TextureAccumulator"/> → <see cref="WindowScorer"/>, with
/// windows placed by <see cref="TextureWindowSpan"/>. The Rx stages (<c>Frames</c>, <c>Features</c>,
/// <c>TextureWindows</c>, <c>Classify</c>) call the same kernels, timing and scorer one stage at a time;
/// <see cref="BlockClassifier"/> and the bench's stage profile run this.
/// </summary>
/// <typeparam name="TProbe">Hooks between the stages (<see cref="NoProbe"/> outside the bench).</typeparam>
/// <remarks>Everything is allocated by the constructor; <see cref="Push"/> and <see cref="Flush"/> never allocate. One thread at a time.</remarks>
public sealed class WindowChain<TProbe>
    where TProbe : struct, IStageProbe
{
    private static readonly FrameCallback<WindowChain<TProbe>> OnFrame = static (self, _, frame) => self.AddFrame(frame);

    private readonly FeatureSpec _spec;
    private readonly Framer _framer;
    private readonly FrameFeatureExtractor _extractor;
    private readonly TextureAccumulator _accumulator;
    private readonly WindowScorer _scorer;
    private readonly WindowHandler _onWindow;
    private readonly float[] _frameFeatures;
    private readonly float[] _window;
    private TProbe _probe;

    /// <param name="model">The model; its features must be streaming (spectral) ones.</param>
    /// <param name="onWindow">Called for every window scored, on the pushing thread.</param>
    /// <exception cref="ArgumentException">The model's features need the whole clip.</exception>
    public WindowChain(SoftmaxModel model, WindowHandler onWindow)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(onWindow);
        _spec = model.Spec;
        if (_spec.Kind != FeatureKind.Spectral)
        {
            throw new ArgumentException($"features {_spec.Describe()} need the whole clip; a block classifier needs streaming (spectral) features", nameof(model));
        }

        _framer = new Framer(_spec.FrameSize, _spec.HopSize);
        _extractor = new FrameFeatureExtractor(_spec);
        _frameFeatures = new float[_extractor.FeatureCount];
        _accumulator = TextureAccumulator.For(_spec);
        _window = new float[_accumulator.OutputLength];
        _scorer = new WindowScorer(model);
        _onWindow = onWindow;
    }

    /// <summary>The probe, to read what it measured.</summary>
    public ref TProbe Probe => ref _probe;

    /// <summary>Windows scored so far.</summary>
    public long Windows => _accumulator.WindowsEmitted;

    /// <summary>Forgets the stream so far: the next sample is at time 0.</summary>
    public void Reset()
    {
        _framer.Reset();
        _extractor.Reset();
        _accumulator.Reset();
    }

    /// <summary>Pushes mono samples at the model's rate; scores every window they complete.</summary>
    public void Push(ReadOnlySpan<float> samples) => _framer.Push(samples, this, OnFrame);

    /// <summary>Ends the stream as the Rx stages' completion does: a zero-padded frame for a stream shorter than one frame, and a partial window if none was complete.</summary>
    public void Flush()
    {
        _framer.Flush(this, OnFrame);
        if (_accumulator.CanSummarisePartial)
        {
            ScoreWindow();
        }
    }

    private void AddFrame(float[] frame)
    {
        _probe.FrameStarted();
        _extractor.Transform(frame);
        _probe.Transformed();
        _extractor.Describe(frame, _frameFeatures);
        var power = TimeDomain.MeanPower(frame);
        _probe.Described();
        var due = _accumulator.Add(_frameFeatures, power);
        _probe.Accumulated(due);
        if (due)
        {
            ScoreWindow();
        }
    }

    private void ScoreWindow()
    {
        var span = TextureWindowSpan.Next(_accumulator, _spec);
        var level = _accumulator.Summarise(_window);
        _probe.Summarised();
        var prediction = _scorer.Score(_window, span, level);
        _onWindow(prediction);
        _probe.Scored();
    }
}
