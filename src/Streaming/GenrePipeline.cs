using System.Reactive.Concurrency;
using GenreStream.Model.Features;
using GenreStream.Model.Softmax;
using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Classification;
using GenreStream.Streaming.Features;
using GenreStream.Streaming.Framing;
using GenreStream.Streaming.Resampling;
using GenreStream.Streaming.Smoothing;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Streaming;

/// <summary>
/// The whole chain from audio in any format to smoothed genre probabilities, composed from the stages:
/// <c>ToMono → Frames → Features → TextureWindows → Classify → Smooth</c> (or <c>Track</c>: smoothing, hysteresis and silence).
/// </summary>
public static class GenrePipeline
{
    /// <summary>Audio (any rate, any channels) to the feature vectors <paramref name="spec"/> defines, one per classification step.</summary>
    public static IObservable<TextureWindow> FeatureVectors(this IObservable<AudioBlock> audio, FeatureSpec spec)
    {
        spec.EnsureValid();
        var mono = audio.ToMono(spec.SampleRate);
        return spec.Kind == FeatureKind.Fft1000
            ? mono.WholeClipSpectrum(spec)
            : mono.Frames(spec.FrameSize, spec.HopSize).Features(spec).TextureWindows(spec);
    }

    /// <summary>
    /// Audio to raw predictions by <paramref name="model"/>: streaming features run the one core chain
    /// (<see cref="WindowsOperator.Windows"/>); whole-clip features go through <see cref="FeatureVectors"/>.
    /// </summary>
    public static IObservable<GenrePrediction> Predict(this IObservable<AudioBlock> audio, SoftmaxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var spec = model.Spec;
        spec.EnsureValid();
        return spec.Kind == FeatureKind.Spectral
            ? audio.ToMono(spec.SampleRate).Windows(model)
            : audio.FeatureVectors(spec).Classify(model);
    }

    /// <summary>Audio to predictions with smoothed probabilities (time constant <paramref name="smoothing"/>).</summary>
    public static IObservable<SmoothedPrediction> PredictSmoothed(this IObservable<AudioBlock> audio, SoftmaxModel model, TimeSpan smoothing) =>
        audio.Predict(model).Smooth(smoothing);

    /// <summary>
    /// Audio to what a listener sees: smoothed probabilities, the current genre with hysteresis, its changes
    /// and the silence state (on audio time, or on <paramref name="clock"/> when given).
    /// </summary>
    public static IObservable<TrackedPrediction> PredictTracked(this IObservable<AudioBlock> audio, SoftmaxModel model, TrackingOptions options, IScheduler? clock = null) =>
        audio.Predict(model).Track(options, clock);
}
