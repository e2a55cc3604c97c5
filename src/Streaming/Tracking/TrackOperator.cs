using System.Reactive.Concurrency;
using System.Reactive.Linq;
using GenreStream.Streaming.Classification;
using GenreStream.Streaming.Smoothing;

namespace GenreStream.Streaming.Tracking;

/// <summary>The <c>Track</c> stage: predictions in; smoothed probabilities, the current genre with hysteresis, changes and the silence state out.</summary>
public static class TrackOperator
{
    /// <summary>
    /// Runs a <see cref="GenreTracker"/> over the predictions. Smoothing and hold times run on audio time,
    /// or on <paramref name="clock"/> when given (wall-clock live, virtual in tests).
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem listed).</exception>
    public static IObservable<TrackedPrediction> Track(this IObservable<GenrePrediction> predictions, TrackingOptions options, IScheduler? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        return Observable.Create<TrackedPrediction>(observer =>
        {
            GenreTracker? tracker = null;
            var time = new WindowClock(clock);
            return predictions.Subscribe(
                prediction =>
                {
                    tracker ??= new GenreTracker(prediction.Probabilities.Length, options);
                    observer.OnNext(tracker.Track(prediction, time.Seconds(prediction)));
                },
                observer.OnError,
                observer.OnCompleted);
        });
    }
}
