using System.Reactive.Linq;
using GenreStream.Model.Softmax;
using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Streaming.Classification;

/// <summary>Classifies a whole clip: runs the streaming pipeline to its end and combines every window.</summary>
public static class ClipClassifier
{
    /// <summary>Less audio than this (seconds) is refused rather than guessed at: a fraction of a frame's texture says nothing of a genre.</summary>
    public const double MinimumSeconds = 1.0;

    /// <summary>
    /// Runs <paramref name="audio"/> through <paramref name="model"/> and returns the clip's result.
    /// Blocks until the stream ends; the stream's error (a bad file, say) is rethrown.
    /// </summary>
    /// <param name="audio">A finite audio stream.</param>
    /// <param name="model">The model.</param>
    /// <param name="tracking">The timeline's decisions (smoothing, hysteresis, silence, as <c>listen</c> takes them); a clip whose
    /// median window level is below its silence threshold is silence.</param>
    /// <param name="timeline">Whether to keep what a listener would have seen at every step.</param>
    /// <remarks>
    /// The clip is unknown audio when more than half of its windows are (the model's novelty detector decides each):
    /// a few odd windows in a song do not make it unknown, a speech clip with a few musical seconds stays unknown.
    /// </remarks>
    public static ClipResult Classify(IObservable<AudioBlock> audio, SoftmaxModel model, TrackingOptions tracking, bool timeline)
    {
        ArgumentNullException.ThrowIfNull(tracking);
        var accumulator = new ClipAccumulator(model.ClassCount, model.Aggregation);
        var entries = new List<TimelineEntry>();
        var novelty = new List<float>();
        double audioSeconds = 0;
        var levels = new List<float>();
        var unknownWindows = 0;
        double end = 0;
        Exception? error = null;
        using var done = new ManualResetEventSlim();
        var counted = audio.Do(block => audioSeconds = Math.Max(audioSeconds, block.StartSeconds + ((double)block.FrameCount / block.Format.SampleRate)));
        using var subscription = counted.PredictTracked(model, tracking).Subscribe(
            t =>
            {
                var p = t.Prediction;
                accumulator.Add(p.Raw.LogProbabilities.Span);
                novelty.Add(p.Raw.Novelty);
                levels.Add(p.Raw.LevelDecibels);
                unknownWindows += p.Raw.IsUnknown ? 1 : 0;
                end = Math.Max(end, p.Raw.StartSeconds + p.Raw.DurationSeconds);
                if (timeline)
                {
                    entries.Add(new TimelineEntry(p.Raw.StartSeconds, p.Smoothed.ToArray(), t.Current, t.Status));
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

        if (audioSeconds < MinimumSeconds)
        {
            throw new Sources.AudioFormatException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"too short: {audioSeconds:0.00} s of audio, at least {MinimumSeconds:0} s is needed"));
        }

        var probabilities = new float[model.ClassCount];
        accumulator.Result(probabilities);
        var medianNovelty = Median(novelty);
        var status = !(Median(levels) >= tracking.SilenceThresholdDecibels) ? TrackStatus.Silence
            : 2 * unknownWindows > accumulator.Count ? TrackStatus.Unknown
            : TrackStatus.Music;
        return new ClipResult(model.Labels, probabilities, accumulator.Count, entries, end, status, medianNovelty);
    }

    /// <summary>The median (the upper middle value of an even count); NaN for none.</summary>
    private static float Median(List<float> values)
    {
        if (values.Count == 0)
        {
            return float.NaN;
        }

        values.Sort();
        return values[values.Count / 2];
    }
}
