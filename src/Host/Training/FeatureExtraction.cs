using System.Diagnostics;
using GenreStream.Model.Features;
using GenreStream.Streaming;
using GenreStream.Streaming.Sources;

namespace GenreStream.Host.Training;

/// <summary>
/// Computes the texture-window features of many files, on every core, through the same streaming
/// pipeline as live classification (so training sees exactly what the live stream computes), with a cache.
/// </summary>
/// <remarks>
/// Files that need ffmpeg (anything but WAV and AU) are decoded <see cref="BatchSize"/> at a time by one
/// ffmpeg process into temporary float WAV files (<see cref="FfmpegBatchDecoder"/>): ffmpeg's start-up
/// costs more CPU than decoding a 30 s FLAC clip. The samples are the ones a pipe from ffmpeg gives. A batch
/// that fails (one unreadable file fails all) is extracted again file by file, so each failure gets its own reason.
/// </remarks>
internal static class FeatureExtraction
{
    /// <summary>Files per ffmpeg process.</summary>
    public const int BatchSize = 16;

    /// <summary>The result for one clip: its features, or the one-line reason it could not be read.</summary>
    public sealed record Outcome(ClipFeatures? Features, string? Error);

    /// <summary>Extracts every clip; failures are reported per clip, never thrown.</summary>
    /// <param name="clips">The recordings.</param>
    /// <param name="spec">The features.</param>
    /// <param name="cache">Where features are kept between runs (for <paramref name="augmentation"/>, a cache of its own).</param>
    /// <param name="progress">Progress of the files.</param>
    /// <param name="cancel">Stops the work.</param>
    /// <param name="augmentation">When given, every recording is first changed by it (through ffmpeg).</param>
    public static Outcome[] Run(IReadOnlyList<LabelledClip> clips, FeatureSpec spec, FeatureCache? cache, IProgressSink progress, CancellationToken cancel, AudioAugmentation? augmentation = null)
    {
        var outcomes = new Outcome[clips.Count];
        var done = 0;
        var clock = Stopwatch.StartNew();
        progress.Start(augmentation is null ? "extracting features" : $"extracting features ({augmentation.Name})", clips.Count, "files");
        void Finished(int i, Outcome outcome)
        {
            outcomes[i] = outcome;
            progress.Advance(Interlocked.Increment(ref done), clock.Elapsed);
        }

        var missing = new List<int>();
        for (var i = 0; i < clips.Count; i++)
        {
            if (cache is not null && cache.TryGet(clips[i].Path, out var cached))
            {
                Finished(i, new Outcome(cached, null));
            }
            else
            {
                missing.Add(i);
            }
        }

        bool Direct(int i) => augmentation is null && IsReadDirectly(clips[i].Path);
        var batches = missing.Where(Direct).Select(i => new[] { i })
            .Concat(missing.Where(i => !Direct(i)).Chunk(BatchSize))
            .ToArray();
        Parallel.ForEach(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancel },
            batch =>
            {
                if (batch.Length == 1 && Direct(batch[0]))
                {
                    Finished(batch[0], ExtractOne(clips[batch[0]].Path, spec, cache));
                }
                else
                {
                    ExtractBatch(batch, clips, spec, cache, Finished, augmentation, cancel);
                }
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

        var outcome = Extract(path, spec);
        if (outcome.Features is { } features)
        {
            cache?.Put(path, features);
        }

        return outcome;
    }

    private static void ExtractBatch(int[] batch, IReadOnlyList<LabelledClip> clips, FeatureSpec spec, FeatureCache? cache, Action<int, Outcome> finished, AudioAugmentation? augmentation, CancellationToken cancel)
    {
        var folder = Directory.CreateTempSubdirectory("genre-train-");
        try
        {
            var decoded = batch.Select(i => Path.Combine(folder.FullName, i + ".wav")).ToArray();
            var failure = Decode(batch.Select(i => clips[i].Path).ToArray(), decoded, folder.FullName, augmentation, cancel);
            if (cancel.IsCancellationRequested)
            {
                return; // Parallel.ForEach reports the cancellation
            }

            if (failure is not null)
            {
                foreach (var i in batch)
                {
                    if (augmentation is null)
                    {
                        finished(i, ExtractOne(clips[i].Path, spec, cache));
                    }
                    else if (batch.Length > 1)
                    {
                        ExtractBatch([i], clips, spec, cache, finished, augmentation, cancel);
                    }
                    else
                    {
                        finished(i, new Outcome(null, failure));
                    }
                }

                return;
            }

            for (var n = 0; n < batch.Length; n++)
            {
                var path = clips[batch[n]].Path;
                var outcome = Extract(decoded[n], spec);
                File.Delete(decoded[n]);
                if (outcome.Features is { } features)
                {
                    cache?.Put(path, features);
                }

                finished(batch[n], outcome.Error is null ? outcome : new Outcome(null, outcome.Error.Replace(decoded[n], path, StringComparison.Ordinal)));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Decodes <paramref name="inputs"/> to float WAV files, through <paramref name="augmentation"/>'s encoding and filters when given.</summary>
    private static string? Decode(string[] inputs, string[] outputs, string folder, AudioAugmentation? augmentation, CancellationToken cancel)
    {
        if (augmentation is null)
        {
            return FfmpegBatchDecoder.DecodeToWavFiles(inputs, outputs, cancel);
        }

        if (augmentation.IsRoundTrip)
        {
            var encoded = outputs.Select((o, n) => Path.Combine(folder, n + ".encoded")).ToArray();
            var failure = FfmpegBatchDecoder.DecodeToWavFiles(inputs, encoded, cancel, outputArguments: augmentation.Encode);
            if (failure is not null)
            {
                return failure;
            }

            inputs = encoded;
        }

        return FfmpegBatchDecoder.DecodeToWavFiles(inputs, outputs, cancel, outputArguments: augmentation.Decode);
    }

    /// <summary>WAV and AU files are read in-process; everything else needs ffmpeg.</summary>
    private static bool IsReadDirectly(string path) =>
        Path.GetExtension(path).ToUpperInvariant() is ".WAV" or ".WAVE" or ".AU" or ".SND";

    private static Outcome Extract(string path, FeatureSpec spec)
    {
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

            return new Outcome(new ClipFeatures(rows.ToArray(), count, spec.VectorLength, (float)seconds), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new Outcome(null, e.Message.ReplaceLineEndings(" "));
        }
    }
}
