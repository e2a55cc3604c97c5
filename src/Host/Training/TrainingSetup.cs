using System.Globalization;
using GenreStream.Model.Features;
using GenreStream.Model.Training;

namespace GenreStream.Host.Training;

/// <summary>Everything a training run needs.</summary>
internal sealed record TrainingSetup(DataSet Data, FeatureSpec Spec, TrainingOptions Options, RowWeighting Weighting, IReadOnlyList<double> CGrid, string? CacheRoot, IReadOnlyList<double> Augment, IProgressSink Progress, string[] Sources, string FeatureName)
{
    /// <summary>Share of out-of-fold music windows beyond the unknown threshold.</summary>
    public double UnknownWindowRate { get; init; } = NoveltyFit.DefaultWindowRate;

    /// <summary>Whether cross-validation also predicts every recording resampled to 44.1 kHz.</summary>
    public bool EvaluateAt44100 { get; init; }

    /// <summary>The features of each clip of <paramref name="data"/> resampled to 44.1 kHz (null for a clip that failed).</summary>
    public ClipFeatures?[] ExtractAt44100(LabelledFeatures data, CancellationToken cancel)
    {
        var augmentation = AudioAugmentation.Known["rate44k"];
        var outcomes = FeatureExtraction.Run(data.Clips, Spec, CacheRoot is null ? null : new FeatureCache(CacheRoot, Spec.Fingerprint + augmentation.CacheSuffix), Progress, cancel, augmentation);
        return [.. outcomes.Select(o => o.Features)];
    }

    /// <summary>Changes of the recordings also trained on.</summary>
    public IReadOnlyList<AudioAugmentation> AugmentAudio { get; init; } = [];

    /// <summary>Non-music audio to check the unknown detector on (never trained on).</summary>
    public IReadOnlyList<LabelledClip> NonMusic { get; init; } = [];

    /// <summary>Synthesised non-music the unknown detector learns from (never the genres).</summary>
    public IReadOnlyList<LabelledClip> NonMusicTraining { get; init; } = [];

    /// <summary>The features of the readable files among <paramref name="clips"/>, with their names.</summary>
    public IReadOnlyList<(string Name, ClipFeatures Features)> ExtractNonMusic(IReadOnlyList<LabelledClip> clips, CancellationToken cancel)
    {
        if (clips.Count == 0)
        {
            return [];
        }

        var outcomes = FeatureExtraction.Run(clips, Spec, CacheFor(Spec), Progress, cancel);
        return [.. clips.Select((c, i) => (c.Name, outcomes[i].Features)).Where(x => x.Features is not null).Select(x => (x.Name, x.Features!))];
    }

    /// <summary>
    /// Extracts features of every clip; unreadable clips get a line each on <paramref name="error"/> (standard error) and are left out.
    /// Returns null (after saying why) when nothing usable is left.
    /// </summary>
    public (LabelledFeatures? Features, int Failed) Extract(TextWriter error, CancellationToken cancel)
    {
        var outcomes = FeatureExtraction.Run(Data.Clips, Spec, CacheFor(Spec), Progress, cancel);
        var failed = 0;
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i].Error is { } problem)
            {
                failed++;
                error.WriteLine($"genre: {Data.Clips[i].Name}: {problem}");
            }
        }

        var ok = Enumerable.Range(0, outcomes.Length).Where(i => outcomes[i].Features is not null).ToArray();
        if (failed > 0)
        {
            error.WriteLine($"genre: {failed} of {outcomes.Length} files could not be read and are left out");
        }

        if (ok.Length == 0)
        {
            error.WriteLine("genre: no readable clips");
            return (null, failed);
        }

        var clips = ok.Select(i => Data.Clips[i]).ToArray();
        var own = ok.Select(i => outcomes[i].Features!).ToArray();
        var training = own;
        foreach (var seconds in Augment)
        {
            var augmentSpec = Spec with { TextureSeconds = seconds };
            var extra = FeatureExtraction.Run(clips, augmentSpec, CacheFor(augmentSpec), Progress, cancel);
            training = training.Select((f, n) => extra[n].Features is { } more ? Concatenate(f, more) : f).ToArray();
        }

        foreach (var augmentation in AugmentAudio)
        {
            var extra = FeatureExtraction.Run(clips, Spec, CacheRoot is null ? null : new FeatureCache(CacheRoot, Spec.Fingerprint + augmentation.CacheSuffix), Progress, cancel, augmentation);
            training = training.Select((f, n) => extra[n].Features is { } more ? Concatenate(f, more) : f).ToArray();
        }

        return (new LabelledFeatures(clips, own, Data.Labels, training), failed);
    }

    private FeatureCache? CacheFor(FeatureSpec spec) => CacheRoot is null ? null : new FeatureCache(CacheRoot, spec.Fingerprint);

    private static ClipFeatures Concatenate(ClipFeatures a, ClipFeatures b) =>
        new([.. a.Values, .. b.Values], a.Rows + b.Rows, a.Columns, a.Seconds);

    /// <summary>Provenance recorded in the model file and the report.</summary>
    public Dictionary<string, string> Describe() => new()
    {
        ["data"] = string.Join(" + ", Sources),
        ["features"] = $"{FeatureName}: {Spec.Describe()}",
        ["model"] = Options.Kind.ToString(),
        ["optimizer"] = Options.Optimizer.ToString(),
        ["aggregation"] = Options.Aggregation.ToString(),
        ["cGrid"] = string.Join(",", CGrid.Select(c => c.ToString("R", CultureInfo.InvariantCulture))),
        ["augment"] = Augment.Count == 0 ? "none" : string.Join(",", Augment.Select(a => a.ToString("R", CultureInfo.InvariantCulture))) + " s windows",
        ["augmentAudio"] = AugmentAudio.Count == 0 ? "none" : string.Join(",", AugmentAudio.Select(a => a.Name)),
        ["unknownRate"] = UnknownWindowRate.ToString("R", CultureInfo.InvariantCulture) + " of out-of-fold windows",
        ["nonMusicTraining"] = NonMusicTraining.Count == 0 ? "none" : $"{NonMusicTraining.Count} synthesised files",
        ["weighting"] = Weighting.IsNone ? "none" : $"max clip windows {Weighting.MaxClipWindows?.ToString(CultureInfo.InvariantCulture) ?? "-"}, balance classes {Weighting.BalanceClasses}",
    };
}
