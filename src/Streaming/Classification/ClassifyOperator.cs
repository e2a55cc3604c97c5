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
            var scratch = new float[model.FeatureCount];
            var logProbabilities = new float[model.ClassCount];
            var probabilities = new float[model.ClassCount];
            return windows.Subscribe(
                window =>
                {
                    if (window.Values.Length != model.FeatureCount)
                    {
                        observer.OnError(new InvalidOperationException($"the model takes {model.FeatureCount} features, the window has {window.Values.Length}"));
                        return;
                    }

                    var novelty = float.NaN;
                    var unknown = false;
                    try
                    {
                        if (model.Novelty is { } detector)
                        {
                            unknown = detector.IsUnknown(window.Values.Span, scratch, out novelty);
                        }

                        model.PredictLogProbabilities(window.Values.Span, logProbabilities, scratch);
                        for (var k = 0; k < probabilities.Length; k++)
                        {
                            probabilities[k] = MathF.Exp(logProbabilities[k]);
                        }
                    }
                    catch (Exception e)
                    {
                        observer.OnError(e);
                        return;
                    }

                    observer.OnNext(new GenrePrediction(window.Index, window.StartSeconds, window.DurationSeconds, probabilities, logProbabilities, window.LevelDecibels, novelty, unknown));
                },
                observer.OnError,
                observer.OnCompleted);
        });
}
