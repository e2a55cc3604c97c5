using System.Reactive.Linq;
using GenreStream.Model.Softmax;
using GenreStream.Streaming.Features;

namespace GenreStream.Streaming.Classification;

/// <summary>The <c>Classify</c> stage: texture windows in, genre probabilities out.</summary>
public static class ClassifyOperator
{
    /// <summary>Applies <paramref name="model"/> to each window. Buffers are per subscription; no window allocates.</summary>
    public static IObservable<GenrePrediction> Classify(this IObservable<TextureWindow> windows, SoftmaxModel model) =>
        Observable.Create<GenrePrediction>(observer =>
        {
            var scorer = new WindowScorer(model);
            return windows.Subscribe(
                window =>
                {
                    GenrePrediction prediction;
                    try
                    {
                        prediction = scorer.Score(window.Values.Span, window.Span, window.LevelDecibels);
                    }
                    catch (Exception e)
                    {
                        observer.OnError(e);
                        return;
                    }

                    observer.OnNext(prediction);
                },
                observer.OnError,
                observer.OnCompleted);
        });
}
