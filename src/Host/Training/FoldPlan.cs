namespace GenreStream.Host.Training;

/// <summary>
/// Which clips are tested in which cross-validation fold: every clip is tested exactly once, by a model
/// that never saw its group (its artist). Clips keep the fold their data set gives. A clip without one
/// takes the fold of its group when another clip of the group has one; the remaining groups (Emotify's
/// artists beside GTZAN's folds, or a whole set without folds) are dealt out as whole groups, per genre,
/// largest first into the fold with the fewest clips of that genre, so every data set is judged out of fold.
/// A group is never split: a group given two folds is an error.
/// </summary>
internal sealed class FoldPlan
{
    private FoldPlan(int[] foldOfClip, int[] folds)
    {
        FoldOfClip = foldOfClip;
        Folds = folds;
    }

    /// <summary>Fold of each clip (index as in the data set).</summary>
    public int[] FoldOfClip { get; }

    /// <summary>The distinct fold numbers, ascending.</summary>
    public int[] Folds { get; }

    public static FoldPlan Create(IReadOnlyList<LabelledClip> clips, int foldsWhenNoneGiven = 5)
    {
        var foldOfClip = clips.Select(c => c.Fold ?? -1).ToArray();
        var split = clips
            .Select((c, i) => (c.SplitGroup, Fold: foldOfClip[i]))
            .Where(x => x.Fold >= 0)
            .GroupBy(x => x.SplitGroup, StringComparer.Ordinal)
            .Where(g => g.Select(x => x.Fold).Distinct().Count() > 1)
            .Select(g => $"group '{g.Key}' is in folds {string.Join(" and ", g.Select(x => x.Fold).Distinct().Order())}")
            .ToList();
        if (split.Count > 0)
        {
            throw new DataSetException("cross-validation never splits a group: " + string.Join("; ", split));
        }

        var foldOfGroup = clips
            .Select((c, i) => (c.SplitGroup, Fold: foldOfClip[i]))
            .Where(x => x.Fold >= 0)
            .GroupBy(x => x.SplitGroup, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Fold, StringComparer.Ordinal);
        var given = foldOfClip.Where(f => f >= 0).Distinct().Order().ToArray();
        var folds = given.Length > 0 ? given : [.. Enumerable.Range(0, foldsWhenNoneGiven)];
        for (var i = 0; i < clips.Count; i++)
        {
            if (foldOfClip[i] < 0 && foldOfGroup.TryGetValue(clips[i].SplitGroup, out var fold))
            {
                foldOfClip[i] = fold;
            }
        }

        DealOut(clips, foldOfClip, folds);
        if (folds.Length < 2)
        {
            throw new DataSetException($"cross-validation needs at least 2 folds, the data set has {folds.Length}");
        }

        return new FoldPlan(foldOfClip, folds);
    }

    /// <summary>Gives each group still without a fold one, genre by genre, to the fold with the fewest clips of its genre.</summary>
    private static void DealOut(IReadOnlyList<LabelledClip> clips, int[] foldOfClip, int[] folds)
    {
        var load = new Dictionary<(string Genre, int Fold), int>();
        for (var i = 0; i < clips.Count; i++)
        {
            if (foldOfClip[i] >= 0)
            {
                load[(clips[i].Genre, foldOfClip[i])] = load.GetValueOrDefault((clips[i].Genre, foldOfClip[i])) + 1;
            }
        }

        var groups = Enumerable.Range(0, clips.Count)
            .Where(i => foldOfClip[i] < 0)
            .GroupBy(i => clips[i].SplitGroup, StringComparer.Ordinal)
            .Select(g => (Members: g.ToArray(), Genre: g.GroupBy(i => clips[i].Genre, StringComparer.Ordinal).OrderByDescending(x => x.Count()).First().Key))
            .OrderByDescending(g => g.Members.Length)
            .ThenBy(g => g.Members[0]);
        foreach (var (members, genre) in groups)
        {
            var fold = folds.OrderBy(f => load.GetValueOrDefault((genre, f))).ThenBy(f => f).First();
            foreach (var member in members)
            {
                foldOfClip[member] = fold;
            }

            load[(genre, fold)] = load.GetValueOrDefault((genre, fold)) + members.Length;
        }
    }
}
