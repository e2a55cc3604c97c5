using GenreStream.Model.Novelty;

namespace GenreStream.Host.Training;

/// <summary>
/// Learns the "unknown" detector of a model and its threshold by cross-validation: each fold's detector is
/// fitted on the other folds' windows and scores the fold's own, so the threshold is set on music the
/// detector never saw (other artists), the same way the genre figures are measured.
/// </summary>
internal static class NoveltyFit
{
    /// <summary>Principal directions of the music density (of 197 features, they hold about 80% of the variance).</summary>
    public const int Components = 24;

    /// <summary>The default share of out-of-fold music windows allowed beyond the threshold.</summary>
    public const double DefaultWindowRate = 0.05;

    /// <summary>A detector fitted on the windows of <paramref name="clips"/>, with no threshold yet.</summary>
    public static NoveltyDetector Fit(LabelledFeatures data, IReadOnlyList<int> clips)
    {
        var (rows, _, columns) = data.Windows(clips);
        return NoveltyDetector.Fit(rows, rows.Length / columns, columns, Math.Min(Components, columns - 1));
    }

    /// <summary>Each clip's window scores under the detector fitted without the clip's fold (indexed like the data set).</summary>
    public static float[][] OutOfFoldScores(LabelledFeatures data, FoldPlan plan, CancellationToken cancel)
    {
        var scores = new float[data.Count][];
        Parallel.ForEach(plan.Folds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancel }, fold =>
        {
            var train = Enumerable.Range(0, data.Count).Where(i => plan.FoldOfClip[i] != fold).ToArray();
            var detector = Fit(data, train);
            foreach (var i in Enumerable.Range(0, data.Count).Where(i => plan.FoldOfClip[i] == fold))
            {
                scores[i] = Score(detector, data.Features[i]);
            }
        });
        return scores;
    }

    /// <summary>The scores of every window of <paramref name="features"/>.</summary>
    public static float[] Score(NoveltyDetector detector, ClipFeatures features)
    {
        var scratch = new float[features.Columns];
        var scores = new float[features.Rows];
        for (var r = 0; r < features.Rows; r++)
        {
            scores[r] = detector.Score(features.Values.AsSpan(r * features.Columns, features.Columns), scratch);
        }

        return scores;
    }

    /// <summary>The threshold that leaves <paramref name="windowRate"/> of the out-of-fold music windows beyond it.</summary>
    public static float Threshold(IEnumerable<float[]> outOfFoldScores, double windowRate)
    {
        var all = outOfFoldScores.SelectMany(s => s).Order().ToArray();
        return all[Math.Clamp((int)Math.Ceiling((1 - windowRate) * all.Length) - 1, 0, all.Length - 1)];
    }

    /// <summary>The clip's score: the median of its windows' (as <c>genre classify</c> decides a clip).</summary>
    public static float ClipScore(float[] windowScores)
    {
        var sorted = windowScores.Order().ToArray();
        return sorted.Length == 0 ? float.NaN : sorted[sorted.Length / 2];
    }
}
