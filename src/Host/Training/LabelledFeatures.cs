using GenreStream.Model.Softmax;

namespace GenreStream.Host.Training;

/// <summary>The extracted features of a data set's readable clips, with their labels as indices into <see cref="Labels"/>.</summary>
internal sealed class LabelledFeatures
{
    /// <param name="clips">The clips.</param>
    /// <param name="features">Each clip's texture windows as the pipeline computes them (what is predicted).</param>
    /// <param name="labels">The label set.</param>
    /// <param name="trainingFeatures">Each clip's windows to train on, when more than <paramref name="features"/> (augmentation).</param>
    public LabelledFeatures(IReadOnlyList<LabelledClip> clips, IReadOnlyList<ClipFeatures> features, IReadOnlyList<string> labels, IReadOnlyList<ClipFeatures>? trainingFeatures = null)
    {
        Clips = clips;
        Features = features;
        TrainingFeatures = trainingFeatures ?? features;
        Labels = labels;
        LabelOf = clips.Select(c => IndexOf(labels, c.Genre)).ToArray();
    }

    public IReadOnlyList<LabelledClip> Clips { get; }

    public IReadOnlyList<ClipFeatures> Features { get; }

    /// <summary>The windows each clip contributes to training (its <see cref="Features"/>, plus any augmentation).</summary>
    public IReadOnlyList<ClipFeatures> TrainingFeatures { get; }

    public IReadOnlyList<string> Labels { get; }

    /// <summary>Label index of each clip (-1 when the clip's genre is not among <see cref="Labels"/>).</summary>
    public int[] LabelOf { get; }

    public int Count => Clips.Count;

    /// <summary>
    /// Loss weight of each window of the chosen clips: a clip of more than <see cref="RowWeighting.MaxClipWindows"/>
    /// windows counts as that many (so one long recording cannot outweigh many short ones), and with
    /// <see cref="RowWeighting.BalanceClasses"/> every label gets the same total weight. Weights average 1.
    /// </summary>
    public float[] Weights(IEnumerable<int> clipIndices, RowWeighting weighting)
    {
        var chosen = clipIndices.ToArray();
        var weights = new List<float>();
        foreach (var i in chosen)
        {
            var rows = TrainingFeatures[i].Rows;
            var w = weighting.MaxClipWindows is { } cap && rows > cap ? (float)cap / rows : 1f;
            weights.AddRange(Enumerable.Repeat(w, rows));
        }

        var result = weights.ToArray();
        if (weighting.BalanceClasses)
        {
            var labelOfRow = chosen.SelectMany(i => Enumerable.Repeat(LabelOf[i], TrainingFeatures[i].Rows)).ToArray();
            var total = new double[Labels.Count];
            for (var r = 0; r < result.Length; r++)
            {
                total[labelOfRow[r]] += result[r];
            }

            var present = total.Count(t => t > 0);
            var all = total.Sum();
            for (var r = 0; r < result.Length; r++)
            {
                result[r] = (float)(result[r] * all / (present * total[labelOfRow[r]]));
            }
        }

        var mean = result.Length == 0 ? 1 : result.Average();
        for (var r = 0; r < result.Length; r++)
        {
            result[r] = (float)(result[r] / mean);
        }

        return result;
    }

    /// <summary>All windows of the chosen clips as one row-major matrix with a label per row.</summary>
    public (float[] Rows, int[] RowLabels, int Columns) Windows(IEnumerable<int> clipIndices)
    {
        var chosen = clipIndices.ToArray();
        var columns = TrainingFeatures[0].Columns;
        var total = chosen.Sum(i => TrainingFeatures[i].Rows);
        var rows = new float[total * columns];
        var labels = new int[total];
        var at = 0;
        foreach (var i in chosen)
        {
            var f = TrainingFeatures[i];
            f.Values.AsSpan().CopyTo(rows.AsSpan(at * columns));
            labels.AsSpan(at, f.Rows).Fill(LabelOf[i]);
            at += f.Rows;
        }

        return (rows, labels, columns);
    }

    /// <summary>Per-window log-probabilities of <paramref name="model"/> for one clip.</summary>
    public static float[][] PredictWindows(SoftmaxModel model, ClipFeatures clip)
    {
        var scratch = new float[model.FeatureCount];
        var windows = new float[clip.Rows][];
        for (var r = 0; r < clip.Rows; r++)
        {
            windows[r] = new float[model.ClassCount];
            model.PredictLogProbabilities(clip.Row(r), windows[r], scratch);
        }

        return windows;
    }

    /// <summary>Combines window log-probabilities into clip probabilities (summing to 1).</summary>
    public static float[] Aggregate(float[][] windowLogProbabilities, ClipAggregation aggregation)
    {
        var accumulator = new ClipAccumulator(windowLogProbabilities[0].Length, aggregation);
        foreach (var w in windowLogProbabilities)
        {
            accumulator.Add(w);
        }

        var p = new float[windowLogProbabilities[0].Length];
        accumulator.Result(p);
        return p;
    }

    /// <summary>Exponentiates log-probabilities.</summary>
    public static float[] Exp(float[] logProbabilities) => logProbabilities.Select(MathF.Exp).ToArray();

    private static int IndexOf(IReadOnlyList<string> labels, string genre)
    {
        for (var k = 0; k < labels.Count; k++)
        {
            if (string.Equals(labels[k], genre, StringComparison.Ordinal))
            {
                return k;
            }
        }

        return -1;
    }
}
