using System.Reactive.Concurrency;
using System.Reactive.Linq;
using GenreStream.Streaming.Classification;

namespace GenreStream.Streaming.Smoothing;

/// <summary>The <c>Smooth</c> stage: predictions in, predictions with smoothed probabilities out.</summary>
public static class SmoothOperator
{
    /// <summary>Default smoothing time constant: long enough to steady the display, short enough to follow a new song.</summary>
    public static readonly TimeSpan DefaultTimeConstant = SmoothingOptions.DefaultTimeConstant;

    /// <summary>
    /// Smooths probabilities with an <see cref="ExponentialSmoother"/> of time constant
    /// <paramref name="timeConstant"/>, stepping by audio time, so a file processed faster than real
    /// time is smoothed exactly as if it were heard live.
    /// </summary>
    public static IObservable<SmoothedPrediction> Smooth(this IObservable<GenrePrediction> predictions, TimeSpan timeConstant) =>
        predictions.Smooth(new SmoothingOptions { TimeConstant = timeConstant });

    /// <summary>
    /// Smooths probabilities as <paramref name="options"/> say. Time is audio time, or
    /// <paramref name="clock"/>'s when given (see <see cref="WindowClock"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem listed).</exception>
    public static IObservable<SmoothedPrediction> Smooth(this IObservable<GenrePrediction> predictions, SmoothingOptions options, IScheduler? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.CreateSmoother(1); // validates now, not at the first window
        return Observable.Create<SmoothedPrediction>(observer =>
        {
            IProbabilitySmoother? smoother = null;
            float[]? output = null;
            var time = new WindowClock(clock);
            return predictions.Subscribe(
                prediction =>
                {
                    var p = prediction.Probabilities.Span;
                    smoother ??= options.CreateSmoother(p.Length);
                    output ??= new float[p.Length];
                    smoother.Update(p, time.Seconds(prediction)).CopyTo(output);
                    observer.OnNext(new SmoothedPrediction(prediction, output));
                },
                observer.OnError,
                observer.OnCompleted);
        });
    }
}
