namespace GenreStream.Host.Training;

/// <summary>
/// Which clips are tested in which cross-validation fold. Clips with a fold are tested once, in their
/// fold; clips without one (extra training data, such as Emotify beside GTZAN) are only ever trained on.
/// When no clip has a fold, folds are made of whole groups, largest first into the emptiest fold.
/// A group is never split: a group found in two folds is an error.
/// </summary>
internal sealed class FoldPlan
{
    private FoldPlan(int[] foldOfClip, int[] folds)
    {
        FoldOfClip = foldOfClip;
        Folds = folds;
    }

    /// <summary>Fold of each clip (index as in the data set), or -1 for training-only clips.</summary>
    public int[] FoldOfClip { get; }

    /// <summary>The distinct fold numbers, ascending.</summary>
    public int[] Folds { get; }

    public static FoldPlan Create(IReadOnlyList<LabelledClip> clips, int foldsWhenNoneGiven = 5)
    {
        var foldOfClip = new int[clips.Count];
        if (clips.Any(c => c.Fold is not null))
        {
            for (var i = 0; i < clips.Count; i++)
            {
                foldOfClip[i] = clips[i].Fold ?? -1;
            }

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
        }
        else
        {
            var load = new int[foldsWhenNoneGiven];
            var groups = clips
                .Select((c, i) => (c.SplitGroup, Index: i))
                .GroupBy(x => x.SplitGroup, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal);
            foreach (var group in groups)
            {
                var fold = Array.IndexOf(load, load.Min());
                foreach (var member in group)
                {
                    foldOfClip[member.Index] = fold;
                }

                load[fold] += group.Count();
            }
        }

        var folds = foldOfClip.Where(f => f >= 0).Distinct().Order().ToArray();
        if (folds.Length < 2)
        {
            throw new DataSetException($"cross-validation needs at least 2 folds, the data set has {folds.Length}");
        }

        return new FoldPlan(foldOfClip, folds);
    }
}
