using System.Reactive.Linq;
using GenreStream.Model.Features;
using GenreStream.Streaming.Audio;

namespace GenreStream.Streaming.Features;

/// <summary>The whole-clip stage of the <see cref="FeatureKind.Fft1000"/> baseline.</summary>
public static class WholeClipOperator
{
    /// <summary>
    /// Collects the whole mono stream and, when it completes, emits one <see cref="TextureWindow"/>
    /// holding <see cref="WholeClipSpectrum"/> of all of it. Batch only: memory grows with the input.
    /// </summary>
    public static IObservable<TextureWindow> WholeClipSpectrum(this IObservable<AudioBlock> mono, FeatureSpec spec) =>
        Observable.Create<TextureWindow>(observer =>
        {
            var clip = new List<float>();
            var power = 0.0;
            return mono.Subscribe(
                block =>
                {
                    try
                    {
                        foreach (var s in block.Samples.Span)
                        {
                            clip.Add(s);
                            power += s * s;
                        }
                    }
                    catch (Exception e)
                    {
                        observer.OnError(e);
                    }
                },
                observer.OnError,
                () =>
                {
                    if (clip.Count > 0)
                    {
                        var values = new float[spec.FftBins];
                        try
                        {
                            Model.Features.WholeClipSpectrum.Compute(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(clip), values);
                        }
                        catch (Exception e)
                        {
                            observer.OnError(e);
                            return;
                        }

                        var level = TimeDomain.PowerToDecibels(power / clip.Count);
                        observer.OnNext(new TextureWindow(0, 0, (double)clip.Count / spec.SampleRate, 1, values, level));
                    }

                    observer.OnCompleted();
                });
        });
}
