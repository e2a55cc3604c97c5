using GenreStream.Model.Features;
using GenreStream.Model.Softmax;
using GenreStream.Model.Training;

namespace GenreStream.Host.Training;

/// <summary>
/// Grouped cross-validation: for each fold, train on every other clip (including training-only clips)
/// and predict the fold's clips. With several candidate C values, C is chosen inside each training
/// split by an inner cross-validation over its folds, so the reported figures never saw their test fold.
/// </summary>
internal static class CrossValidation
{
    /// <summary>Out-of-fold window log-probabilities for every clip that has a fold.</summary>
    public sealed record Result(int[] Clips, float[][][] WindowLogProbabilities, IReadOnlyDictionary<int, double> ChosenC);

    public static Result Run(LabelledFeatures data, FoldPlan plan, FeatureSpec spec, TrainingOptions options, RowWeighting weighting, IReadOnlyList<double> cGrid, IProgressSink progress, CancellationToken cancel)
    {
        var clips = new List<int>();
        var windows = new List<float[][]>();
        var chosen = new Dictionary<int, double>();
        var done = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        progress.Start("cross-validating", plan.Folds.Length, "folds");
        foreach (var fold in plan.Folds)
        {
            var train = Enumerable.Range(0, data.Count).Where(i => plan.FoldOfClip[i] != fold).ToArray();
            var test = Enumerable.Range(0, data.Count).Where(i => plan.FoldOfClip[i] == fold).ToArray();
            var c = cGrid.Count == 1 ? cGrid[0] : ChooseC(data, plan, train, spec, options, weighting, cGrid, cancel);
            chosen[fold] = c;
            var model = Fit(data, train, spec, options with { C = c }, weighting, cancel);
            foreach (var i in test)
            {
                clips.Add(i);
                windows.Add(LabelledFeatures.PredictWindows(model, data.Features[i]));
            }

            progress.Advance(++done, clock.Elapsed);
        }

        progress.Stop(clock.Elapsed);
        return new Result([.. clips], [.. windows], chosen);
    }

    /// <summary>Fits a model on the windows of the given clips.</summary>
    public static SoftmaxModel Fit(LabelledFeatures data, IReadOnlyList<int> clips, FeatureSpec spec, TrainingOptions options, RowWeighting weighting, CancellationToken cancel)
    {
        var (rows, labels, columns) = data.Windows(clips);
        var set = new TrainingSet(rows, columns, labels, data.Labels, weighting.IsNone ? [] : data.Weights(clips, weighting));
        return SoftmaxTrainer.Train(set, spec, options, cancel);
    }

    /// <summary>
    /// Picks the C with the best inner cross-validated clip accuracy (ties: lower log loss) using only
    /// <paramref name="train"/>: each of its folds is held out in turn.
    /// </summary>
    public static double ChooseC(LabelledFeatures data, FoldPlan plan, int[] train, FeatureSpec spec, TrainingOptions options, RowWeighting weighting, IReadOnlyList<double> cGrid, CancellationToken cancel)
    {
        var innerFolds = train.Select(i => plan.FoldOfClip[i]).Where(f => f >= 0).Distinct().Order().ToArray();
        if (innerFolds.Length < 2)
        {
            return cGrid[cGrid.Count / 2];
        }

        var scores = new (double Accuracy, double LogLoss)[cGrid.Count];
        Parallel.For(0, cGrid.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancel }, k =>
        {
            var correct = 0;
            var total = 0;
            var logLoss = 0.0;
            foreach (var inner in innerFolds)
            {
                var fit = train.Where(i => plan.FoldOfClip[i] != inner).ToArray();
                if (fit.Select(i => data.LabelOf[i]).Distinct().Count() < data.Labels.Count)
                {
                    continue; // this inner split lacks a genre: it cannot fit a model over every label
                }

                var held = train.Where(i => plan.FoldOfClip[i] == inner).ToArray();
                var model = Fit(data, fit, spec, options with { C = cGrid[k] }, weighting, cancel);
                foreach (var i in held)
                {
                    var windows = LabelledFeatures.PredictWindows(model, data.Features[i]);
                    var p = LabelledFeatures.Aggregate(windows, options.Aggregation);
                    var truth = data.LabelOf[i];
                    correct += Array.IndexOf(p, p.Max()) == truth ? 1 : 0;
                    logLoss -= Math.Log(Math.Max(p[truth], 1e-15));
                    total++;
                }
            }

            scores[k] = total == 0 ? (0, double.PositiveInfinity) : ((double)correct / total, logLoss / total);
        });

        var best = 0;
        for (var k = 1; k < cGrid.Count; k++)
        {
            if (scores[k].Accuracy > scores[best].Accuracy + 1e-12 ||
                (Math.Abs(scores[k].Accuracy - scores[best].Accuracy) <= 1e-12 && scores[k].LogLoss < scores[best].LogLoss))
            {
                best = k;
            }
        }

        return cGrid[best];
    }
}
