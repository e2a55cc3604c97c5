using System.Reactive.Linq;
using GenreStream.Model.Features;
using GenreStream.Streaming.Framing;

namespace GenreStream.Streaming.Features;

/// <summary>The <c>Features</c> stage: frames in, per-frame spectral feature vectors out.</summary>
public static class FeaturesOperator
{
    /// <summary>
    /// Computes the <see cref="FeatureKind.Spectral"/> frame features of <paramref name="spec"/> for
    /// each frame. Each subscription owns one <see cref="FrameFeatureExtractor"/> and one output buffer,
    /// so no frame allocates.
    /// </summary>
    public static IObservable<FeatureFrame> Features(this IObservable<AudioFrame> frames, FeatureSpec spec) =>
        Observable.Create<FeatureFrame>(observer =>
        {
            var extractor = new FrameFeatureExtractor(spec);
            var values = new float[extractor.FeatureCount];
            return frames.Subscribe(
                frame =>
                {
                    float power;
                    try
                    {
                        var samples = frame.Samples.Span;
                        extractor.Extract(samples, values);
                        power = TimeDomain.MeanPower(samples);
                    }
                    catch (Exception e)
                    {
                        observer.OnError(e);
                        return;
                    }

                    observer.OnNext(new FeatureFrame(frame.Index, frame.StartSeconds, values, power));
                },
                observer.OnError,
                observer.OnCompleted);
        });
}
