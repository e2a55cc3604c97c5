using GenreStream.Model.Features;
using GenreStream.Model.Softmax;
using GenreStream.Streaming.Classification;
using GenreStream.Streaming.Framing;
using GenreStream.Streaming.Resampling;
using GenreStream.Streaming.Smoothing;

namespace GenreStream.Streaming.Realtime;

/// <summary>
/// The pipeline without Rx, for a caller that pushes blocks of mono samples on a real-time thread
/// (an audio plugin, an embedder through the C API): resample → frames → features → texture window
/// → classify → smooth, run synchronously inside <see cref="Process"/>. Its predictions equal those
/// of <see cref="GenrePipeline.PredictSmoothed"/> on the same audio (tested), because it calls the same
/// building blocks with the same numbers.
/// </summary>
/// <remarks>
/// <para>Every buffer is allocated by the constructor; <see cref="Process"/> and <see cref="Flush"/>
/// allocate nothing, take no lock and do no I/O. Not thread-safe: one thread pushes at a time.</para>
/// <para>Silence: a window whose RMS level is below <see cref="SilenceThresholdDecibels"/> does not move
/// the smoothed probabilities (they hold their last value) and sets <see cref="GenreIndex"/> to -1 and
/// <see cref="Confidence"/> to 0 until a window above the threshold arrives.</para>
/// </remarks>
public sealed class BlockClassifier
{
    /// <summary>Input samples resampled per step, so buffers do not depend on the caller's block size.</summary>
    public const int ChunkSize = 4096;

    /// <summary>A <see cref="SilenceThresholdDecibels"/> that never holds: below the level of digital silence.</summary>
    public const float NoSilenceThreshold = TimeDomain.SilenceDecibels - 1;

    private static readonly FrameCallback<BlockClassifier> OnFrame = static (self, _, frame) => self.AddFrame(frame);

    private readonly SoftmaxModel _model;
    private readonly FeatureSpec _spec;
    private readonly Resampler? _resampler;
    private readonly Framer _framer;
    private readonly FrameFeatureExtractor _extractor;
    private readonly TextureAccumulator _accumulator;
    private readonly ExponentialSmoother _smoother;
    private readonly Action<SmoothedPrediction>? _onPrediction;
    private readonly float[] _resampled;
    private readonly float[] _frameFeatures;
    private readonly float[] _window;
    private readonly float[] _scratch;
    private readonly float[] _logProbabilities;
    private readonly float[] _probabilities;
    private readonly float[] _smoothed;

    /// <param name="model">The model; its feature spec must be a streaming (spectral) one.</param>
    /// <param name="inputSampleRate">Rate of the samples given to <see cref="Process"/>, in Hz; resampled to the model's rate inside.</param>
    /// <param name="smoothingSeconds">Initial <see cref="SmoothingSeconds"/>.</param>
    /// <param name="silenceThresholdDecibels">Initial <see cref="SilenceThresholdDecibels"/>; <see cref="NoSilenceThreshold"/> never holds.</param>
    /// <param name="onPrediction">Called on the pushing thread for every window, with lent buffers (see <see cref="SmoothedPrediction"/>); optional.</param>
    public BlockClassifier(SoftmaxModel model, int inputSampleRate, double smoothingSeconds, float silenceThresholdDecibels = NoSilenceThreshold, Action<SmoothedPrediction>? onPrediction = null)
    {
        _model = model;
        _spec = model.Spec;
        if (_spec.Kind != FeatureKind.Spectral)
        {
            throw new ArgumentException($"features {_spec.Describe()} need the whole clip; a block classifier needs streaming (spectral) features", nameof(model));
        }

        var resampler = new Resampler(inputSampleRate, _spec.SampleRate);
        _resampler = resampler.IsPassThrough ? null : resampler;
        _resampled = new float[Math.Max(resampler.MaxOutputCount(ChunkSize), resampler.MaxFlushCount)];
        _framer = new Framer(_spec.FrameSize, _spec.HopSize);
        _extractor = new FrameFeatureExtractor(_spec);
        _frameFeatures = new float[_extractor.FeatureCount];
        _accumulator = TextureAccumulator.For(_spec);
        _window = new float[_accumulator.OutputLength];
        _scratch = new float[model.FeatureCount];
        _logProbabilities = new float[model.ClassCount];
        _probabilities = new float[model.ClassCount];
        _smoothed = new float[model.ClassCount];
        _smoother = new ExponentialSmoother(model.ClassCount, smoothingSeconds);
        _onPrediction = onPrediction;
        InputSampleRate = inputSampleRate;
        SilenceThresholdDecibels = silenceThresholdDecibels;
        Reset();
    }

    /// <summary>Rate of the input, in Hz.</summary>
    public int InputSampleRate { get; }

    /// <summary>The model's labels, in the order of <see cref="Smoothed"/>.</summary>
    public IReadOnlyList<string> Labels => _model.Labels;

    /// <summary>Time constant of the smoothing in seconds (0 = none); may change between blocks.</summary>
    public double SmoothingSeconds
    {
        get => _smoother.TimeConstantSeconds;
        set => _smoother.TimeConstantSeconds = value;
    }

    /// <summary>Windows quieter than this RMS level (dBFS) hold the smoothed probabilities; may change between blocks.</summary>
    public float SilenceThresholdDecibels { get; set; }

    /// <summary>Smoothed probabilities (sum to 1); uniform until the first window above the silence threshold.</summary>
    public ReadOnlySpan<float> Smoothed => _smoothed;

    /// <summary>Index of the most probable smoothed genre, or -1 before the first window and while silent.</summary>
    public int GenreIndex { get; private set; }

    /// <summary>Smoothed probability of <see cref="GenreIndex"/> (0 when it is -1).</summary>
    public float Confidence { get; private set; }

    /// <summary>True while the latest window was below the silence threshold.</summary>
    public bool IsSilent { get; private set; }

    /// <summary>Whether the last window was unknown audio (not silent, but not music of the model's genres: speech, tones, noise).</summary>
    public bool IsUnknown { get; private set; }

    /// <summary>RMS level of the latest window in dBFS (<see cref="TimeDomain.SilenceDecibels"/> before the first).</summary>
    public float LevelDecibels { get; private set; }

    /// <summary>Texture windows classified so far.</summary>
    public long Windows => _accumulator.WindowsEmitted;

    /// <summary>Forgets the stream so far: the next sample is at time 0, as in a new classifier with the current settings. Never allocates.</summary>
    public void Reset()
    {
        _resampler?.Reset();
        _framer.Reset();
        _extractor.Reset();
        _accumulator.Reset();
        _smoother.Reset();
        Array.Fill(_smoothed, 1f / _smoothed.Length);
        GenreIndex = -1;
        Confidence = 0;
        IsSilent = false;
        IsUnknown = false;
        LevelDecibels = TimeDomain.SilenceDecibels;
    }

    /// <summary>Pushes mono samples at <see cref="InputSampleRate"/>; classifies every window they complete. Never allocates.</summary>
    public void Process(ReadOnlySpan<float> samples)
    {
        if (_resampler is null)
        {
            _framer.Push(samples, this, OnFrame);
            return;
        }

        while (!samples.IsEmpty)
        {
            var chunk = samples[..Math.Min(ChunkSize, samples.Length)];
            var count = _resampler.Process(chunk, _resampled);
            _framer.Push(_resampled.AsSpan(0, count), this, OnFrame);
            samples = samples[chunk.Length..];
        }
    }

    /// <summary>
    /// Ends the stream as the Rx pipeline's completion does: the resampler's tail, a zero-padded
    /// frame for a stream shorter than one frame, and a partial window if none was complete.
    /// Never allocates.
    /// </summary>
    public void Flush()
    {
        if (_resampler is not null)
        {
            var count = _resampler.Flush(_resampled);
            _framer.Push(_resampled.AsSpan(0, count), this, OnFrame);
        }

        _framer.Flush(this, OnFrame);
        if (_accumulator.CanSummarisePartial)
        {
            ClassifyWindow();
        }
    }

    private void AddFrame(float[] frame)
    {
        _extractor.Extract(frame, _frameFeatures);
        if (_accumulator.Add(_frameFeatures, TimeDomain.MeanPower(frame)))
        {
            ClassifyWindow();
        }
    }

    private void ClassifyWindow()
    {
        var first = _accumulator.FirstFrameOfSummary;
        var frames = _accumulator.FramesInSummary;
        var index = _accumulator.WindowsEmitted;
        var level = _accumulator.Summarise(_window);
        var start = first * (double)_spec.HopSize / _spec.SampleRate;
        var duration = (((frames - 1) * _spec.HopSize) + _spec.FrameSize) / (double)_spec.SampleRate;

        var novelty = float.NaN;
        var unknown = _model.Novelty?.IsUnknown(_window, _scratch, out novelty) ?? false;
        _model.PredictLogProbabilities(_window, _logProbabilities, _scratch);
        for (var k = 0; k < _probabilities.Length; k++)
        {
            _probabilities[k] = MathF.Exp(_logProbabilities[k]);
        }

        LevelDecibels = level;
        IsSilent = level < SilenceThresholdDecibels;
        IsUnknown = !IsSilent && unknown;
        if (IsSilent)
        {
            GenreIndex = -1;
            Confidence = 0;
        }
        else
        {
            _smoother.Update(_probabilities, start).CopyTo(_smoothed);
            GenreIndex = ArgMax(_smoothed);
            Confidence = _smoothed[GenreIndex];
        }

        _onPrediction?.Invoke(new SmoothedPrediction(
            new GenrePrediction(index, start, duration, _probabilities, _logProbabilities, level, novelty, unknown),
            _smoothed));
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var k = 1; k < values.Length; k++)
        {
            if (values[k] > values[best])
            {
                best = k;
            }
        }

        return best;
    }
}
