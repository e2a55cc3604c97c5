namespace GenreStream.Host.Training;

/// <summary>How the "unknown" detector behaves: on out-of-fold music (should be rare) and on non-music (should be all).</summary>
/// <param name="Threshold">The density threshold (window scores above it are unknown).</param>
/// <param name="RejectorThreshold">The rejector's threshold (null without a rejector).</param>
/// <param name="MusicWindows">Share of music windows called unknown.</param>
/// <param name="MusicClips">Share of music clips called unknown (most of their windows; what <c>classify</c> does).</param>
/// <param name="MusicClipsByDataSet">The same per data set.</param>
/// <param name="SynthesisedClips">Synthesised non-music files the rejector was fitted on.</param>
/// <param name="SynthesisedUnknown">Share of them called unknown out of fold (by a rejector that never saw their kind); null when none were given.</param>
/// <param name="SynthesisedMissed">The synthesised files missed out of fold.</param>
/// <param name="CheckedClips">Non-music files only checked (never fitted on).</param>
/// <param name="CheckedUnknown">Share of them called unknown by the final detector; null when none were given.</param>
/// <param name="CheckedMissed">The checked files missed.</param>
internal sealed record UnknownFigures(
    double Threshold,
    double? RejectorThreshold,
    double MusicWindows,
    double MusicClips,
    Dictionary<string, double> MusicClipsByDataSet,
    int SynthesisedClips,
    double? SynthesisedUnknown,
    string[] SynthesisedMissed,
    int CheckedClips,
    double? CheckedUnknown,
    string[] CheckedMissed)
{
    /// <summary>A file's windows: density scores and rejector margins.</summary>
    internal sealed record Judged(string Name, float[] Scores, float[] Margins);

    /// <summary>Figures of music clips (<paramref name="musicScores"/>/<paramref name="musicMargins"/> indexed like <paramref name="data"/>; null entries are skipped) and of non-music files.</summary>
    public static UnknownFigures Measure(
        LabelledFeatures data,
        float[][] musicScores,
        float[][] musicMargins,
        float threshold,
        float? rejectorThreshold,
        IReadOnlyList<Judged> synthesised,
        IReadOnlyList<Judged> checkedOnly)
    {
        var reject = rejectorThreshold ?? float.MaxValue;
        var tested = Enumerable.Range(0, data.Count).Where(i => musicScores[i] is { Length: > 0 }).ToArray();
        var windows = tested.ToDictionary(i => i, i => NoveltyFit.Unknown(musicScores[i], musicMargins[i], threshold, reject));
        bool ClipUnknown(int i) => NoveltyFit.ClipUnknown(windows[i]);
        string[] Missed(IEnumerable<Judged> files) => [.. files.Where(f => !NoveltyFit.ClipUnknown(NoveltyFit.Unknown(f.Scores, f.Margins, threshold, reject))).Select(f => f.Name)];
        var synthesisedMissed = Missed(synthesised);
        var checkedMissed = Missed(checkedOnly);
        var allWindows = windows.Values.SelectMany(w => w).ToArray();
        return new UnknownFigures(
            threshold,
            rejectorThreshold,
            allWindows.Length == 0 ? 0 : (double)allWindows.Count(u => u) / allWindows.Length,
            tested.Length == 0 ? 0 : (double)tested.Count(ClipUnknown) / tested.Length,
            tested.GroupBy(i => data.Clips[i].DataSetName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (double)g.Count(ClipUnknown) / g.Count(), StringComparer.Ordinal),
            synthesised.Count,
            synthesised.Count == 0 ? null : (double)(synthesised.Count - synthesisedMissed.Length) / synthesised.Count,
            synthesisedMissed,
            checkedOnly.Count,
            checkedOnly.Count == 0 ? null : (double)(checkedOnly.Count - checkedMissed.Length) / checkedOnly.Count,
            checkedMissed);
    }
}
