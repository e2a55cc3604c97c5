using GenreStream.Model.Softmax;
using GenreStream.Streaming.Audio;

namespace GenreStream.Streaming.Classification;

/// <summary>Classifies a whole clip: runs the streaming pipeline to its end and combines every window.</summary>
public static class ClipClassifier
{
    /// <summary>
    /// Runs <paramref name="audio"/> through <paramref name="model"/> and returns the clip's result.
    /// Blocks until the stream ends; the stream's error (a bad file, say) is rethrown.
    /// </summary>
    /// <param name="audio">A finite audio stream.</param>
    /// <param name="model">The model.</param>
    /// <param name="smoothing">Time constant of the timeline's smoothing.</param>
    /// <param name="timeline">Whether to keep the smoothed probabilities of every step.</param>
    public static ClipResult Classify(IObservable<AudioBlock> audio, SoftmaxModel model, TimeSpan smoothing, bool timeline)
    {
        var accumulator = new ClipAccumulator(model.ClassCount, model.Aggregation);
        var entries = new List<TimelineEntry>();
        double end = 0;
        Exception? error = null;
        using var done = new ManualResetEventSlim();
        using var subscription = audio.PredictSmoothed(model, smoothing).Subscribe(
            p =>
            {
                accumulator.Add(p.Raw.LogProbabilities.Span);
                end = Math.Max(end, p.Raw.StartSeconds + p.Raw.DurationSeconds);
                if (timeline)
                {
                    entries.Add(new TimelineEntry(p.Raw.StartSeconds, p.Smoothed.ToArray()));
                }
            },
            e =>
            {
                error = e;
                done.Set();
            },
            done.Set);
        done.Wait();
        if (error is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        }

        if (accumulator.Count == 0)
        {
            throw new Sources.AudioFormatException("no audio samples");
        }

        var probabilities = new float[model.ClassCount];
        accumulator.Result(probabilities);
        return new ClipResult(model.Labels, probabilities, accumulator.Count, entries, end);
    }
}
