using GenreStream.Model.Features;
using GenreStream.Model.Novelty;
using GenreStream.Model.Training;

namespace GenreStream.Host.Training;

/// <summary>
/// Learns a model's "unknown" detector and its thresholds by cross-validation: a density of the training music
/// (<see cref="NoveltyDetector.Fit"/>) and, when synthesised non-music is given, a linear rejector that tells the
/// two apart. Each fold's detector is fitted without the fold's artists and without the fold's kinds of
/// non-music, and judges them; the thresholds are set on those out-of-fold music windows, so "how much music is
/// called unknown" is measured on music the detector never saw.
/// </summary>
internal static class NoveltyFit
{
    /// <summary>Principal directions of the music density (of 197 features, they hold about 80% of the variance).</summary>
    public const int Components = 24;

    /// <summary>The default share of out-of-fold music windows allowed beyond the thresholds (half each when there is a rejector).</summary>
    public const double DefaultWindowRate = 0.1;

    /// <summary>Inverse L2 strength of the rejector's logistic regression.</summary>
    public const double RejectorC = 0.01;

    /// <summary>The out-of-fold window judgements: density scores and rejector margins of every music clip (indexed like the data) and non-music file.</summary>
    internal sealed record OutOfFold(float[][] MusicScores, float[][] MusicMargins, float[][] OtherScores, float[][] OtherMargins);

    /// <summary>A detector fitted on the music windows of <paramref name="clips"/> (and a rejector against <paramref name="other"/> when given), thresholds not yet set.</summary>
    public static NoveltyDetector Fit(LabelledFeatures data, IReadOnlyList<int> clips, IReadOnlyList<ClipFeatures> other, FeatureSpec spec, CancellationToken cancel)
    {
        var (rows, _, columns) = data.Windows(clips);
        var detector = NoveltyDetector.Fit(rows, rows.Length / columns, columns, Math.Min(Components, columns - 1));
        if (other.Count == 0)
        {
            return detector;
        }

        var (weights, bias) = FitRejector(rows, columns, other, spec, cancel);
        return detector.WithRejector(weights, bias, float.MaxValue);
    }

    /// <summary>
    /// Out-of-fold judgements. Non-music files are dealt to the folds by kind (<c>&lt;kind&gt;-&lt;variant&gt;</c> of the
    /// name, as <c>scripts/make-nonmusic.sh</c> writes them), so each is judged by a rejector that never saw its kind.
    /// </summary>
    public static OutOfFold Measure(LabelledFeatures data, FoldPlan plan, IReadOnlyList<(string Name, ClipFeatures Features)> other, FeatureSpec spec, CancellationToken cancel)
    {
        var otherFold = KindFolds(other.Select(o => o.Name).ToArray(), plan.Folds);
        var musicScores = new float[data.Count][];
        var musicMargins = new float[data.Count][];
        var otherScores = new float[other.Count][];
        var otherMargins = new float[other.Count][];
        Parallel.ForEach(plan.Folds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancel }, fold =>
        {
            var train = Enumerable.Range(0, data.Count).Where(i => plan.FoldOfClip[i] != fold).ToArray();
            var detector = Fit(data, train, [.. Enumerable.Range(0, other.Count).Where(j => otherFold[j] != fold).Select(j => other[j].Features)], spec, cancel);
            foreach (var i in Enumerable.Range(0, data.Count).Where(i => plan.FoldOfClip[i] == fold))
            {
                (musicScores[i], musicMargins[i]) = Judge(detector, data.Features[i]);
            }

            foreach (var j in Enumerable.Range(0, other.Count).Where(j => otherFold[j] == fold))
            {
                (otherScores[j], otherMargins[j]) = Judge(detector, other[j].Features);
            }
        });
        return new OutOfFold(musicScores, musicMargins, otherScores, otherMargins);
    }

    /// <summary>The density scores and rejector margins of every window of <paramref name="features"/>.</summary>
    public static (float[] Scores, float[] Margins) Judge(NoveltyDetector detector, ClipFeatures features)
    {
        var scratch = new float[features.Columns];
        var scores = new float[features.Rows];
        var margins = new float[features.Rows];
        for (var r = 0; r < features.Rows; r++)
        {
            scores[r] = detector.Score(features.Row(r), scratch);
            margins[r] = detector.Margin(features.Row(r));
        }

        return (scores, margins);
    }

    /// <summary>The value that leaves <paramref name="rate"/> of <paramref name="values"/> above it.</summary>
    public static float Quantile(IEnumerable<float> values, double rate)
    {
        var all = values.Where(v => !float.IsNegativeInfinity(v)).Order().ToArray();
        return all.Length == 0 ? float.MaxValue : all[Math.Clamp((int)Math.Ceiling((1 - rate) * all.Length) - 1, 0, all.Length - 1)];
    }

    /// <summary>Whether each window is unknown under the given thresholds.</summary>
    public static bool[] Unknown(float[] scores, float[] margins, float threshold, float rejectorThreshold) =>
        [.. scores.Select((s, r) => !(s <= threshold) || margins[r] > rejectorThreshold)];

    /// <summary>A clip is unknown when more than half of its windows are (as <c>genre classify</c> decides).</summary>
    public static bool ClipUnknown(bool[] windows) => 2 * windows.Count(u => u) > windows.Length;

    /// <summary>A binary logistic regression, music (0) against non-music (1), classes weighted equally; its logit difference as weights over the raw features.</summary>
    private static (float[] Weights, float Bias) FitRejector(float[] music, int columns, IReadOnlyList<ClipFeatures> other, FeatureSpec spec, CancellationToken cancel)
    {
        var musicRows = music.Length / columns;
        var otherRows = other.Sum(o => o.Rows);
        var rows = new float[(musicRows + otherRows) * columns];
        music.CopyTo(rows, 0);
        var at = musicRows * columns;
        foreach (var o in other)
        {
            o.Values.CopyTo(rows, at);
            at += o.Values.Length;
        }

        var labels = new int[musicRows + otherRows];
        labels.AsSpan(musicRows).Fill(1);
        var weights = new float[labels.Length];
        var total = (double)labels.Length;
        weights.AsSpan(0, musicRows).Fill((float)(total / (2.0 * musicRows)));
        weights.AsSpan(musicRows).Fill((float)(total / (2.0 * Math.Max(1, otherRows))));
        var set = new TrainingSet(rows, columns, labels, ["music", "other"], weights);
        var model = SoftmaxTrainer.Fit(set, spec, new TrainingOptions { C = RejectorC }, cancel).Model;

        // logit(other) − logit(music) over standardised features, folded back onto the raw features.
        var w = new float[columns];
        var bias = (double)model.Biases[1] - model.Biases[0];
        for (var j = 0; j < columns; j++)
        {
            var a = ((double)model.Weights[columns + j] - model.Weights[j]) / model.StandardDeviation[j];
            w[j] = (float)a;
            bias -= a * model.Mean[j];
        }

        return (w, (float)bias);
    }

    /// <summary>The fold of each non-music file: whole kinds, dealt round-robin in name order.</summary>
    private static int[] KindFolds(string[] names, int[] folds)
    {
        static string Kind(string name)
        {
            var stem = Path.GetFileNameWithoutExtension(name);
            var last = stem.LastIndexOf('-');
            return last > 0 ? stem[..last] : stem;
        }

        var kinds = names.Select(Kind).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var foldOfKind = kinds.Select((k, n) => (k, folds[n % folds.Length])).ToDictionary(x => x.k, x => x.Item2, StringComparer.Ordinal);
        return [.. names.Select(n => foldOfKind[Kind(n)])];
    }
}
