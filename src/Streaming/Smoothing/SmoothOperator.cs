using System.Reactive.Linq;
using GenreStream.Streaming.Classification;

namespace GenreStream.Streaming.Smoothing;

/// <summary>The <c>Smooth</c> stage: predictions in, predictions with smoothed probabilities out.</summary>
public static class SmoothOperator
{
    /// <summary>Default smoothing time constant: long enough to steady the display, short enough to follow a new song.</summary>
    public static readonly TimeSpan DefaultTimeConstant = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Smooths probabilities with an <see cref="ExponentialSmoother"/> of time constant
    /// <paramref name="timeConstant"/>, stepping by audio time (each window's start), so a file
    /// processed faster than real time is smoothed exactly as if it were heard live.
    /// </summary>
    public static IObservable<SmoothedPrediction> Smooth(this IObservable<GenrePrediction> predictions, TimeSpan timeConstant) =>
        Observable.Create<SmoothedPrediction>(observer =>
        {
            ExponentialSmoother? smoother = null;
            float[]? output = null;
            return predictions.Subscribe(
                prediction =>
                {
                    var p = prediction.Probabilities.Span;
                    smoother ??= new ExponentialSmoother(p.Length, timeConstant.TotalSeconds);
                    output ??= new float[p.Length];
                    smoother.Update(p, prediction.StartSeconds).CopyTo(output);
                    observer.OnNext(new SmoothedPrediction(prediction, output));
                },
                observer.OnError,
                observer.OnCompleted);
        });
}
