using System.Numerics.Tensors;
using System.Diagnostics;
using GenreStream.Model.Features;
using GenreStream.Model.Softmax;

namespace GenreStream.Model.Training;

/// <summary>
/// Trains a <see cref="SoftmaxModel"/>: standardises the features (<see cref="Standardizer"/>), then minimises
/// scikit-learn's (1.2) regularised logistic objective Σ_i w_i·loss_i + ||W||²/(2C) (biases unpenalised) over the
/// standardised features, multinomial or one-vs-rest by <see cref="TrainingOptions.Kind"/>.
/// </summary>
public static class SoftmaxTrainer
{
    private const double MaxExtrapolation = 1.5;

    /// <summary>Trains a model on <paramref name="data"/> (see <see cref="Fit"/>).</summary>
    public static SoftmaxModel Train(TrainingSet data, FeatureSpec spec, TrainingOptions options, CancellationToken ct = default) =>
        Fit(data, spec, options, ct).Model;

    /// <summary>Trains a model and reports how the optimizer ended.</summary>
    /// <param name="data">The examples; their feature count must be <paramref name="spec"/>'s vector length.</param>
    /// <param name="spec">The features the rows hold (stored in the model).</param>
    /// <param name="options">Validated first; every problem is listed in one <see cref="ArgumentException"/>.</param>
    /// <param name="ct">Checked at every objective evaluation (L-BFGS) or epoch (mini-batch).</param>
    public static TrainingResult Fit(TrainingSet data, FeatureSpec spec, TrainingOptions options, CancellationToken ct = default) =>
        FitPath(data, spec, options, [options.C], ct: ct)[0];

    /// <summary>
    /// Trains one model per value of C on the same data (a regularisation path), as <see cref="Fit"/> would for
    /// each, but standardising once and, with L-BFGS, starting each C (in ascending order) from a point extrapolated from
    /// the solutions before it (see <see cref="Extrapolate"/>) in coordinates preconditioned by the rows' curvature there
    /// (<see cref="CurvaturePreconditioner.AtPoint"/>): neighbouring optima are close, so the path costs far fewer
    /// iterations than cold starts.
    /// Each solution still meets <see cref="TrainingOptions.Tolerance"/>; it equals a cold start's within it.
    /// </summary>
    /// <param name="data">The examples; their feature count must be <paramref name="spec"/>'s vector length.</param>
    /// <param name="spec">The features the rows hold (stored in the models).</param>
    /// <param name="options">Everything but C, which comes from <paramref name="cs"/>.</param>
    /// <param name="cs">The C values (positive, finite); results come back in this order.</param>
    /// <param name="startFrom">
    /// L-BFGS only: models of the same classes and features (for instance fitted on most of these rows) whose mean,
    /// taken in this data's standardisation, is where the smallest C starts; null or empty to start from zero.
    /// </param>
    /// <param name="ct">Checked at every objective evaluation (L-BFGS) or epoch (mini-batch).</param>
    public static TrainingResult[] FitPath(TrainingSet data, FeatureSpec spec, TrainingOptions options, IReadOnlyList<double> cs, IReadOnlyList<SoftmaxModel>? startFrom = null, CancellationToken ct = default)
    {
        var errors = new List<string>();
        if (cs.Count == 0)
        {
            errors.Add("no value of C given");
        }

        foreach (var c in cs)
        {
            errors.AddRange((options with { C = c }).Validate());
        }

        errors.AddRange(spec.Validate());
        if (spec.VectorLength != data.FeatureCount)
        {
            errors.Add($"the rows have {data.FeatureCount} features but the feature spec gives {spec.VectorLength} ({spec.Describe()})");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("cannot train: " + string.Join("; ", errors.Distinct()));
        }

        var clock = Stopwatch.StartNew();
        var standardizer = Standardizer.Fit(data);
        var x = standardizer.Apply(data);
        var results = new TrainingResult[cs.Count];
        double[] start = startFrom is { Count: > 0 } && options.Optimizer == Optimizer.Lbfgs ? MeanParameters(startFrom, standardizer, data) : [];
        CurvaturePreconditioner? uniform = null;
        var order = Enumerable.Range(0, cs.Count).OrderBy(i => cs[i]).ToArray();
        double[] previous = [];
        var previousC = 0.0;
        for (var step = 0; step < order.Length; step++)
        {
            var index = order[step];
            var fitOptions = options with { C = cs[index] };
            var objective = new LogisticObjective(x, data.Labels, data.FeatureCount, data.ClassCount, options.Kind, fitOptions.C, data.Weights);
            OptimizationOutcome outcome;
            if (options.Optimizer == Optimizer.Lbfgs)
            {
                // A warm start says how curved each row's loss is; a cold one (θ = 0) gives every row the same.
                var preconditioner = start.Length > 0
                    ? CurvaturePreconditioner.AtPoint(objective, x, start)
                    : uniform ??= CurvaturePreconditioner.Create(x, data.FeatureCount, data.Weights, CurvaturePreconditioner.TypicalCurvature(options.Kind, data.ClassCount));
                outcome = LbfgsMinimizer.Minimize(objective, fitOptions, preconditioner.ForC(fitOptions.C), start, ct);
                var nextC = step + 1 < order.Length ? cs[order[step + 1]] : fitOptions.C;
                start = Extrapolate(previous, previousC, outcome.Parameters, fitOptions.C, nextC);
                (previous, previousC) = (outcome.Parameters, fitOptions.C);
            }
            else
            {
                outcome = MiniBatchDescent.Minimize(objective, fitOptions, ct);
            }

            results[index] = ToResult(outcome, data, spec, standardizer, fitOptions, clock.Elapsed);
            clock.Restart();
        }

        return results;
    }

    /// <summary>
    /// Where the path's next fit starts: the optimum moves smoothly with log C, so the line through the last two
    /// optima, followed to <paramref name="nextC"/>, lands nearer the next one than the last optimum itself (on the
    /// shared data a fifth fewer evaluations over the default grid). The last optimum when there is no earlier one.
    /// </summary>
    private static double[] Extrapolate(double[] previous, double previousC, double[] current, double c, double nextC)
    {
        if (previous.Length != current.Length || !(previousC < c) || !(c < nextC))
        {
            return current;
        }

        // Followed at most one and a half times the last step's length: on an uneven grid (0.99, 1, 100) the line
        // would otherwise be followed hundreds of times over, far past any optimum.
        var factor = Math.Min(MaxExtrapolation, Math.Log(nextC / c) / Math.Log(c / previousC));
        var start = new double[current.Length];
        TensorPrimitives.Subtract(current, previous, start);
        TensorPrimitives.MultiplyAdd(start, factor, current, start);
        return start;
    }

    /// <summary>
    /// The mean of <paramref name="models"/>' parameters re-expressed for <paramref name="standardizer"/>: the same
    /// logits from raw features, w' = w·σ'/σ and b' = b + Σ_j w_j·(μ'_j − μ_j)/σ_j.
    /// </summary>
    private static double[] MeanParameters(IReadOnlyList<SoftmaxModel> models, Standardizer standardizer, TrainingSet data)
    {
        var d = data.FeatureCount;
        var k = data.ClassCount;
        var mean = new double[(k * d) + k];
        foreach (var model in models)
        {
            if (model.FeatureCount != d || model.ClassCount != k || model.Kind != models[0].Kind)
            {
                throw new ArgumentException($"a start model has {model.FeatureCount} features and {model.ClassCount} classes, the data {d} and {k}");
            }

            for (var c = 0; c < k; c++)
            {
                var bias = (double)model.Biases[c];
                for (var j = 0; j < d; j++)
                {
                    var w = (double)model.Weights[(c * d) + j];
                    mean[(c * d) + j] += w * standardizer.Std[j] / model.StandardDeviation[j];
                    bias += w * (standardizer.Mean[j] - (double)model.Mean[j]) / model.StandardDeviation[j];
                }

                mean[(k * d) + c] += bias;
            }
        }

        TensorPrimitives.Multiply(mean, 1.0 / models.Count, mean);
        return mean;
    }

    private static TrainingResult ToResult(OptimizationOutcome outcome, TrainingSet data, FeatureSpec spec, Standardizer standardizer, TrainingOptions options, TimeSpan elapsed)
    {
        var d = data.FeatureCount;
        var k = data.ClassCount;
        var weights = outcome.Parameters.AsSpan(0, k * d).ToArray().Select(w => (float)w).ToArray();
        var biases = outcome.Parameters.AsSpan(k * d, k).ToArray().Select(b => (float)b).ToArray();
        var model = new SoftmaxModel(data.ClassNames, spec, standardizer.Mean, standardizer.Std, weights, biases, options.Aggregation, options.Kind);
        return new TrainingResult(model, outcome.Objective, outcome.MaxGradient, outcome.Iterations, outcome.Evaluations, outcome.StopReason, elapsed);
    }

    /// <summary>
    /// The regularised objective Σ_i loss_i + ||W||²/(2C) of <paramref name="model"/> on <paramref name="data"/>,
    /// in the model's standardised space (its own mean and deviation), by the model's <see cref="SoftmaxModel.Kind"/>.
    /// </summary>
    public static double Objective(SoftmaxModel model, TrainingSet data, double c)
    {
        if (model.FeatureCount != data.FeatureCount || model.ClassCount != data.ClassCount)
        {
            throw new ArgumentException($"the model has {model.FeatureCount} features and {model.ClassCount} classes, the data {data.FeatureCount} and {data.ClassCount}");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(c);
        var x = Standardizer.From(model.Mean, model.StandardDeviation).Apply(data);
        var objective = new LogisticObjective(x, data.Labels, data.FeatureCount, data.ClassCount, model.Kind, c, data.Weights);
        var parameters = new double[objective.ParameterCount];
        for (var i = 0; i < model.Weights.Length; i++)
        {
            parameters[i] = model.Weights[i];
        }

        for (var i = 0; i < model.ClassCount; i++)
        {
            parameters[model.Weights.Length + i] = model.Biases[i];
        }

        return objective.Evaluate(parameters, new double[objective.ParameterCount]);
    }
}
