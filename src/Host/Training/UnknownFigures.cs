namespace GenreStream.Host.Training;

/// <summary>How the "unknown" detector behaves: on out-of-fold music (should be rare) and on non-music (should be all).</summary>
/// <param name="Threshold">The novelty threshold (window scores above it are unknown).</param>
/// <param name="MusicWindows">Share of out-of-fold music windows beyond the threshold.</param>
/// <param name="MusicClips">Share of out-of-fold music clips whose median window is beyond it (what <c>classify</c> calls unknown).</param>
/// <param name="MusicClipsByDataSet">The same per data set.</param>
/// <param name="NonMusicClips">Non-music files checked (never trained on).</param>
/// <param name="NonMusicUnknown">Share of them called unknown (null when none were given).</param>
/// <param name="NonMusicMissed">Non-music files not called unknown, with their median scores.</param>
internal sealed record UnknownFigures(
    double Threshold,
    double MusicWindows,
    double MusicClips,
    Dictionary<string, double> MusicClipsByDataSet,
    int NonMusicClips,
    double? NonMusicUnknown,
    Dictionary<string, double> NonMusicMissed)
{
    /// <summary>
    /// Figures from out-of-fold window scores of the music clips (<paramref name="outOfFold"/>, indexed like
    /// <paramref name="data"/>) and the final detector's scores of non-music files.
    /// </summary>
    public static UnknownFigures Measure(LabelledFeatures data, float[][] outOfFold, double threshold, IReadOnlyList<(string Name, float[] Scores)> nonMusic)
    {
        var tested = Enumerable.Range(0, data.Count).Where(i => outOfFold[i] is { Length: > 0 }).ToArray();
        bool ClipUnknown(int i) => NoveltyFit.ClipScore(outOfFold[i]) > threshold;
        var windows = tested.SelectMany(i => outOfFold[i]).ToArray();
        var missed = nonMusic.Where(n => !(NoveltyFit.ClipScore(n.Scores) > threshold)).ToDictionary(n => n.Name, n => Math.Round((double)NoveltyFit.ClipScore(n.Scores), 3), StringComparer.Ordinal);
        return new UnknownFigures(
            threshold,
            windows.Length == 0 ? 0 : (double)windows.Count(s => s > threshold) / windows.Length,
            tested.Length == 0 ? 0 : (double)tested.Count(ClipUnknown) / tested.Length,
            tested.GroupBy(i => data.Clips[i].DataSetName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (double)g.Count(ClipUnknown) / g.Count(), StringComparer.Ordinal),
            nonMusic.Count,
            nonMusic.Count == 0 ? null : (double)(nonMusic.Count - missed.Count) / nonMusic.Count,
            missed);
    }
}
