using System.Reactive.Linq;
using GenreStream.Model.Features;

namespace GenreStream.Streaming.Features;

/// <summary>The <c>TextureWindows</c> stage: frame features in, one summary vector per classification step out.</summary>
public static class TextureWindowsOperator
{
    /// <summary>
    /// Summarises frame features over texture windows of <see cref="FeatureSpec.TextureFrames"/> frames
    /// every <see cref="FeatureSpec.TextureHopFrames"/> frames (see <see cref="TextureAccumulator"/>).
    /// A stream that ends before filling one window gets one window of the frames it had.
    /// </summary>
    public static IObservable<TextureWindow> TextureWindows(this IObservable<FeatureFrame> frames, FeatureSpec spec) =>
        Observable.Create<TextureWindow>(observer =>
        {
            var accumulator = TextureAccumulator.For(spec);
            var output = new float[accumulator.OutputLength];

            void Emit()
            {
                var span = TextureWindowSpan.Next(accumulator, spec);
                float level;
                try
                {
                    level = accumulator.Summarise(output);
                }
                catch (Exception e)
                {
                    observer.OnError(e);
                    return;
                }

                observer.OnNext(new TextureWindow(span, output, level));
            }

            return frames.Subscribe(
                frame =>
                {
                    bool due;
                    try
                    {
                        due = accumulator.Add(frame.Values.Span, frame.MeanPower);
                    }
                    catch (Exception e)
                    {
                        observer.OnError(e);
                        return;
                    }

                    if (due)
                    {
                        Emit();
                    }
                },
                observer.OnError,
                () =>
                {
                    if (accumulator.CanSummarisePartial)
                    {
                        Emit();
                    }

                    observer.OnCompleted();
                });
        });
}
