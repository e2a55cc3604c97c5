using GenreStream.Model.Features;
using GenreStream.Model.Softmax;
using GenreStream.Streaming.Classification;
using GenreStream.Streaming.Resampling;
using GenreStream.Streaming.Smoothing;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Streaming.Realtime;

/// <summary>
/// The pipeline without Rx, for a caller that pushes blocks of mono samples on a real-time thread
/// (an audio plugin, an embedder through the C API): resample → frames → features → texture window
/// → classify → <see cref="GenreTracker"/>, run synchronously inside <see cref="Process"/>. Its windows equal
/// those of <see cref="GenrePipeline.PredictTracked"/> with the same <see cref="TrackingOptions"/> on the same
/// audio (tested), because it calls the same building blocks, the same tracker and the same window clock.
/// </summary>
/// <remarks>
/// <para>Every buffer is allocated by the constructor; <see cref="Process"/> and <see cref="Flush"/>
/// allocate nothing, take no lock and do no I/O. Not thread-safe: one thread pushes at a time.</para>
/// <para>The decisions are <see cref="GenreTracker"/>'s: smoothing, hysteresis, silence (the smoothed probabilities
/// hold, the smoothing restarts after it) and unknown audio (they hold). The plugin's defaults
/// (<see cref="Tracking(double, float)"/>) have no margin and no hold, so the current genre is the top smoothed one.
/// While silent <see cref="GenreIndex"/> reads -1 (the plugin's "none"); <see cref="Current"/> keeps the genre.</para>
/// </remarks>
public sealed class BlockClassifier
{
    /// <summary>Input samples resampled per step, so buffers do not depend on the caller's block size.</summary>
    public const int ChunkSize = 4096;

    /// <summary>A <see cref="SilenceThresholdDecibels"/> that never holds: below the level of digital silence.</summary>
    public const float NoSilenceThreshold = TimeDomain.SilenceDecibels - 1;

    private readonly SoftmaxModel _model;
    private readonly Resampler? _resampler;
    private readonly WindowChain<NoProbe> _chain;
    private readonly GenreTracker _tracker;
    private readonly WindowClock _clock = WindowClock.Audio();
    private readonly Action<TrackedPrediction>? _onPrediction;
    private readonly float[] _resampled;

    /// <summary>A classifier with the plugin's decisions: <see cref="Tracking(double, float)"/>.</summary>
    /// <param name="model">The model; its feature spec must be a streaming (spectral) one.</param>
    /// <param name="inputSampleRate">Rate of the samples given to <see cref="Process"/>, in Hz; resampled to the model's rate inside.</param>
    /// <param name="smoothingSeconds">Initial <see cref="SmoothingSeconds"/>.</param>
    /// <param name="silenceThresholdDecibels">Initial <see cref="SilenceThresholdDecibels"/>; <see cref="NoSilenceThreshold"/> never holds.</param>
    /// <param name="onWindow">Called on the pushing thread for every window, with lent buffers (see <see cref="TrackedPrediction"/>); optional.</param>
    public BlockClassifier(SoftmaxModel model, int inputSampleRate, double smoothingSeconds, float silenceThresholdDecibels = NoSilenceThreshold, Action<TrackedPrediction>? onWindow = null)
        : this(model, inputSampleRate, Tracking(smoothingSeconds, silenceThresholdDecibels), onWindow)
    {
    }

    /// <param name="model">The model; its feature spec must be a streaming (spectral) one.</param>
    /// <param name="inputSampleRate">Rate of the samples given to <see cref="Process"/>, in Hz; resampled to the model's rate inside.</param>
    /// <param name="tracking">Smoothing, hysteresis and silence: the same options <c>listen</c> and <c>serve</c> take.</param>
    /// <param name="onWindow">Called on the pushing thread for every window, with lent buffers (see <see cref="TrackedPrediction"/>); optional.</param>
    /// <exception cref="ArgumentException">The features need the whole clip, or the options are invalid.</exception>
    public BlockClassifier(SoftmaxModel model, int inputSampleRate, TrackingOptions tracking, Action<TrackedPrediction>? onWindow = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _chain = new WindowChain<NoProbe>(model, OnWindow);
        var resampler = new Resampler(inputSampleRate, model.Spec.SampleRate);
        _resampler = resampler.IsPassThrough ? null : resampler;
        _resampled = new float[Math.Max(resampler.MaxOutputCount(ChunkSize), resampler.MaxFlushCount)];
        _tracker = new GenreTracker(model.ClassCount, tracking);
        _onPrediction = onWindow;
        InputSampleRate = inputSampleRate;
        Reset();
    }

    /// <summary>
    /// The plugin's and the C API's decisions: exponential smoothing, no margin and no hold (the current genre is
    /// the top smoothed one, as a meter shows it), and the given silence threshold.
    /// </summary>
    public static TrackingOptions Tracking(double smoothingSeconds, float silenceThresholdDecibels) => new()
    {
        Smoothing = new SmoothingOptions { TimeConstant = TimeSpan.FromSeconds(smoothingSeconds) },
        Margin = 0,
        Hold = TimeSpan.Zero,
        SilenceThresholdDecibels = silenceThresholdDecibels,
    };

    /// <summary>Rate of the input, in Hz.</summary>
    public int InputSampleRate { get; }

    /// <summary>The model's labels, in the order of <see cref="Smoothed"/>.</summary>
    public IReadOnlyList<string> Labels => _model.Labels;

    /// <summary>Time constant of the smoothing in seconds (0 = none); may change between blocks.</summary>
    public double SmoothingSeconds
    {
        get => _tracker.SmoothingSeconds;
        set => _tracker.SmoothingSeconds = value;
    }

    /// <summary>Windows quieter than this RMS level (dBFS) are silence; may change between blocks.</summary>
    public float SilenceThresholdDecibels
    {
        get => (float)_tracker.SilenceThresholdDecibels;
        set => _tracker.SilenceThresholdDecibels = value;
    }

    /// <summary>How far another genre must lead the current one (smoothed probability, 0 to 1); may change between blocks.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not from 0 to 1.</exception>
    public double Margin
    {
        get => _tracker.Margin;
        set => _tracker.Margin = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The margin must be from 0 to 1.");
    }

    /// <summary>How long, in seconds, that lead must last; may change between blocks.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not from 0 to 3600.</exception>
    public double HoldSeconds
    {
        get => _tracker.Hold.TotalSeconds;
        set => _tracker.Hold = value is >= 0 and <= 3600 ? TimeSpan.FromSeconds(value) : throw new ArgumentOutOfRangeException(nameof(value), value, "The hold time must be from 0 to 3600 seconds.");
    }

    /// <summary>Smoothed probabilities (sum to 1); uniform until the first music.</summary>
    public ReadOnlySpan<float> Smoothed => _tracker.Smoothed;

    /// <summary>Label index of the current genre (<see cref="GenreTracker.Current"/>, kept through silence), or -1 before the first music.</summary>
    public int Current => _tracker.Current;

    /// <summary>What the latest window was: music, unknown audio or silence.</summary>
    public TrackStatus Status => _tracker.Status;

    /// <summary>What the plugin shows: <see cref="Current"/>, or -1 ("none") before the first music and while silent.</summary>
    public int GenreIndex => _tracker.Silent ? -1 : _tracker.Current;

    /// <summary>Smoothed probability of <see cref="GenreIndex"/> (0 when it is -1).</summary>
    public float Confidence => GenreIndex >= 0 ? _tracker.Smoothed[GenreIndex] : 0;

    /// <summary>True while the latest window was below the silence threshold.</summary>
    public bool IsSilent => _tracker.Silent;

    /// <summary>Whether the last window was unknown audio (not silent, but not music of the model's genres: speech, tones, noise).</summary>
    public bool IsUnknown => _tracker.Unknown;

    /// <summary>RMS level of the latest window in dBFS (<see cref="TimeDomain.SilenceDecibels"/> before the first).</summary>
    public float LevelDecibels { get; private set; }

    /// <summary>Texture windows classified so far.</summary>
    public long Windows => _chain.Windows;

    /// <summary>Forgets the stream so far: the next sample is at time 0, as in a new classifier with the current settings. Never allocates.</summary>
    public void Reset()
    {
        _resampler?.Reset();
        _chain.Reset();
        _tracker.Reset();
        LevelDecibels = TimeDomain.SilenceDecibels;
    }

    /// <summary>Pushes mono samples at <see cref="InputSampleRate"/>; classifies every window they complete. Never allocates.</summary>
    public void Process(ReadOnlySpan<float> samples)
    {
        if (_resampler is null)
        {
            _chain.Push(samples);
            return;
        }

        while (!samples.IsEmpty)
        {
            var chunk = samples[..Math.Min(ChunkSize, samples.Length)];
            var count = _resampler.Process(chunk, _resampled);
            _chain.Push(_resampled.AsSpan(0, count));
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
            _chain.Push(_resampled.AsSpan(0, count));
        }

        _chain.Flush();
    }

    private void OnWindow(in GenrePrediction prediction)
    {
        LevelDecibels = prediction.LevelDecibels;
        var tracked = _tracker.Track(prediction, _clock.Seconds(prediction));
        _onPrediction?.Invoke(tracked);
    }
}
