using GenreStream.Model.Features;
using GenreStream.Model.Softmax;
using GenreStream.Model.Training;

namespace GenreStream.Host.Training;

/// <summary>
/// Grouped cross-validation: for each fold, train on every other clip (including training-only clips)
/// and predict the fold's clips. With several candidate C values, C is chosen inside each training
/// split by an inner cross-validation over its folds, so the reported figures never saw their test fold.
/// </summary>
/// <remarks>
/// Folds are fitted in parallel (one per core); each fold fits its C candidates as one warm-started
/// regularisation path (<see cref="SoftmaxTrainer.FitPath"/>). Results are gathered by fold index, so they
/// do not depend on which thread finished first.
/// </remarks>
internal static class CrossValidation
{
    /// <summary>Out-of-fold window log-probabilities for every clip that has a fold.</summary>
    /// <param name="Clips">The tested clips, in the order of the arrays.</param>
    /// <param name="WindowLogProbabilities">Each tested clip's windows under the model fitted without its fold.</param>
    /// <param name="ChosenC">C per fold.</param>
    /// <param name="AlsoWindowLogProbabilities">The same for the other version of each clip given to <see cref="Run"/> (null when none was).</param>
    public sealed record Result(int[] Clips, float[][][] WindowLogProbabilities, IReadOnlyDictionary<int, double> ChosenC, float[][][]? AlsoWindowLogProbabilities = null);

    /// <summary>The chosen C and, when every fold could be fitted, the out-of-fold windows of its models.</summary>
    /// <param name="C">The chosen C.</param>
    /// <param name="OutOfFold">
    /// Each fold's clips as predicted by the model fitted without that fold at <paramref name="C"/>, in fold order;
    /// null when fewer than two folds were available or a split lacked a genre.
    /// </param>
    /// <param name="Models">The models fitted at <paramref name="C"/> (one per fold that could be fitted): a start for the final fit.</param>
    public sealed record Choice(double C, Result? OutOfFold, IReadOnlyList<SoftmaxModel> Models);

    /// <summary>Cross-validates; <c>alsoPredict</c>, when given, holds another version of each clip (resampled, say) that the fold models also predict, never trained on.</summary>
    public static Result Run(LabelledFeatures data, FoldPlan plan, FeatureSpec spec, TrainingOptions options, RowWeighting weighting, IReadOnlyList<double> cGrid, IProgressSink progress, CancellationToken cancel, IReadOnlyList<ClipFeatures?>? alsoPredict = null)
    {
        var folds = plan.Folds;
        var tested = new int[folds.Length][];
        var windows = new float[folds.Length][][][];
        var also = new float[folds.Length][][][];
        var chosen = new double[folds.Length];
        var done = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        progress.Start("cross-validating", folds.Length, "folds");
        Parallel.For(0, folds.Length, Parallelism(cancel), f =>
        {
            var fold = folds[f];
            var train = Enumerable.Range(0, data.Count).Where(i => plan.FoldOfClip[i] != fold).ToArray();
            var test = Enumerable.Range(0, data.Count).Where(i => plan.FoldOfClip[i] == fold).ToArray();
            var choice = cGrid.Count == 1 ? new Choice(cGrid[0], null, []) : ChooseC(data, plan, train, spec, options, weighting, cGrid, cancel);
            chosen[f] = choice.C;
            var model = Fit(data, train, spec, options with { C = chosen[f] }, weighting, cancel, choice.Models);
            tested[f] = test;
            windows[f] = test.Select(i => LabelledFeatures.PredictWindows(model, data.Features[i])).ToArray();
            also[f] = alsoPredict is null ? [] : test.Select(i => alsoPredict[i] is { } other ? LabelledFeatures.PredictWindows(model, other) : []).ToArray();
            progress.Advance(Interlocked.Increment(ref done), clock.Elapsed);
        });

        progress.Stop(clock.Elapsed);
        return new Result([.. tested.SelectMany(t => t)], [.. windows.SelectMany(w => w)], Enumerable.Range(0, folds.Length).ToDictionary(f => folds[f], f => chosen[f]), alsoPredict is null ? null : [.. also.SelectMany(w => w)]);
    }

    /// <summary>Fits a model on the windows of the given clips, starting from the mean of <paramref name="startFrom"/> (L-BFGS) when given.</summary>
    public static SoftmaxModel Fit(LabelledFeatures data, IReadOnlyList<int> clips, FeatureSpec spec, TrainingOptions options, RowWeighting weighting, CancellationToken cancel, IReadOnlyList<SoftmaxModel>? startFrom = null) =>
        FitPath(data, clips, spec, options, weighting, [options.C], startFrom, cancel)[0];

    /// <summary>Fits one model per C on the windows of the given clips (one warm-started path).</summary>
    public static SoftmaxModel[] FitPath(LabelledFeatures data, IReadOnlyList<int> clips, FeatureSpec spec, TrainingOptions options, RowWeighting weighting, IReadOnlyList<double> cs, IReadOnlyList<SoftmaxModel>? startFrom, CancellationToken cancel)
    {
        var (rows, labels, columns) = data.Windows(clips);
        var set = new TrainingSet(rows, columns, labels, data.Labels, weighting.IsNone ? [] : data.Weights(clips, weighting));
        return [.. SoftmaxTrainer.FitPath(set, spec, options, cs, startFrom, cancel).Select(r => r.Model)];
    }

    /// <summary>
    /// Picks the C with the best inner cross-validated balanced clip accuracy (the mean of per-genre recalls; ties: lower log loss) using only
    /// <paramref name="train"/>: each of its folds is held out in turn.
    /// </summary>
    public static Choice ChooseC(LabelledFeatures data, FoldPlan plan, int[] train, FeatureSpec spec, TrainingOptions options, RowWeighting weighting, IReadOnlyList<double> cGrid, CancellationToken cancel)
    {
        var innerFolds = train.Select(i => plan.FoldOfClip[i]).Where(f => f >= 0).Distinct().Order().ToArray();
        if (innerFolds.Length < 2)
        {
            return new Choice(cGrid[cGrid.Count / 2], null, []);
        }

        // held[f]: the clips of inner fold f; predicted[f][k][n]: their windows under the model at cGrid[k].
        var held = new int[innerFolds.Length][];
        var predicted = new float[][][][]?[innerFolds.Length];
        var fitted = new SoftmaxModel[]?[innerFolds.Length];
        Parallel.For(0, innerFolds.Length, Parallelism(cancel), f =>
        {
            var inner = innerFolds[f];
            held[f] = train.Where(i => plan.FoldOfClip[i] == inner).ToArray();
            var fit = train.Where(i => plan.FoldOfClip[i] != inner).ToArray();
            if (fit.Select(i => data.LabelOf[i]).Distinct().Count() < data.Labels.Count)
            {
                return; // this inner split lacks a genre: it cannot fit a model over every label
            }

            var models = FitPath(data, fit, spec, options, weighting, cGrid, null, cancel);
            fitted[f] = models;
            predicted[f] = models.Select(model => held[f].Select(i => LabelledFeatures.PredictWindows(model, data.Features[i])).ToArray()).ToArray();
        });

        var best = 0;
        var scores = Enumerable.Range(0, cGrid.Count).Select(k => Score(data, options.Aggregation, held, predicted, k)).ToArray();
        for (var k = 1; k < cGrid.Count; k++)
        {
            if (scores[k].Accuracy > scores[best].Accuracy + 1e-12 ||
                (Math.Abs(scores[k].Accuracy - scores[best].Accuracy) <= 1e-12 && scores[k].LogLoss < scores[best].LogLoss))
            {
                best = k;
            }
        }

        Result? outOfFold = null;
        if (predicted.All(p => p is not null))
        {
            outOfFold = new Result(
                [.. held.SelectMany(h => h)],
                [.. predicted.SelectMany(p => p![best])],
                innerFolds.ToDictionary(f => f, _ => cGrid[best]));
        }

        return new Choice(cGrid[best], outOfFold, [.. fitted.OfType<SoftmaxModel[]>().Select(m => m[best])]);
    }

    /// <summary>Balanced clip accuracy (mean per-genre recall, over the genres present) and log loss of the inner held-out clips at cGrid[k].</summary>
    private static (double Accuracy, double LogLoss) Score(LabelledFeatures data, ClipAggregation aggregation, int[][] held, float[][][][]?[] predicted, int k)
    {
        var hits = new int[data.Labels.Count];
        var support = new int[data.Labels.Count];
        var total = 0;
        var logLoss = 0.0;
        for (var f = 0; f < held.Length; f++)
        {
            if (predicted[f] is not { } byC)
            {
                continue;
            }

            for (var n = 0; n < held[f].Length; n++)
            {
                var p = LabelledFeatures.Aggregate(byC[k][n], aggregation);
                var truth = data.LabelOf[held[f][n]];
                hits[truth] += Array.IndexOf(p, p.Max()) == truth ? 1 : 0;
                support[truth]++;
                logLoss -= Math.Log(Math.Max(p[truth], 1e-15));
                total++;
            }
        }

        var present = Enumerable.Range(0, support.Length).Where(c => support[c] > 0).ToArray();
        return total == 0 ? (0, double.PositiveInfinity) : (present.Average(c => (double)hits[c] / support[c]), logLoss / total);
    }

    private static ParallelOptions Parallelism(CancellationToken cancel) =>
        new() { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancel };
}
