using System.Diagnostics;
using GenreStream.Model.Features;
using GenreStream.Streaming;
using GenreStream.Streaming.Sources;

namespace GenreStream.Host.Training;

/// <summary>
/// Computes the texture-window features of many files, on every core, through the same streaming
/// pipeline as live classification (so training sees exactly what the live stream computes), with a cache.
/// </summary>
internal static class FeatureExtraction
{
    /// <summary>The result for one clip: its features, or the one-line reason it could not be read.</summary>
    public sealed record Outcome(ClipFeatures? Features, string? Error);

    /// <summary>Extracts every clip; failures are reported per clip, never thrown.</summary>
    public static Outcome[] Run(IReadOnlyList<LabelledClip> clips, FeatureSpec spec, FeatureCache? cache, IProgressSink progress, CancellationToken cancel)
    {
        var outcomes = new Outcome[clips.Count];
        var done = 0;
        var clock = Stopwatch.StartNew();
        progress.Start("extracting features", clips.Count, "files");
        Parallel.For(
            0,
            clips.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancel },
            i =>
            {
                outcomes[i] = ExtractOne(clips[i].Path, spec, cache);
                progress.Advance(Interlocked.Increment(ref done), clock.Elapsed);
            });
        progress.Stop(clock.Elapsed);
        return outcomes;
    }

    /// <summary>Features of one file (from the cache when there).</summary>
    public static Outcome ExtractOne(string path, FeatureSpec spec, FeatureCache? cache)
    {
        if (cache is not null && cache.TryGet(path, out var cached))
        {
            return new Outcome(cached, null);
        }

        try
        {
            var rows = new List<float>();
            var count = 0;
            var seconds = 0.0;
            Exception? error = null;
            using var subscription = SampleReaderObservable.Read(() => AudioFileReader.Open(path))
                .FeatureVectors(spec)
                .Subscribe(
                    w =>
                    {
                        rows.AddRange(w.Values.Span);
                        count++;
                        seconds = Math.Max(seconds, w.StartSeconds + w.DurationSeconds);
                    },
                    e => error = e);
            if (error is not null)
            {
                return new Outcome(null, error.Message.ReplaceLineEndings(" "));
            }

            if (count == 0)
            {
                return new Outcome(null, "no audio samples");
            }

            var features = new ClipFeatures(rows.ToArray(), count, spec.VectorLength, (float)seconds);
            cache?.Put(path, features);
            return new Outcome(features, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new Outcome(null, e.Message.ReplaceLineEndings(" "));
        }
    }
}
