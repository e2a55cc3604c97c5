using GenreStream.Model.Softmax;
using GenreStream.Model.Training;

namespace GenreStream.Model.Tests.Training;

/// <summary>The warm-started regularisation path and the preconditioned coordinates L-BFGS runs in.</summary>
public class RegularisationPathTests
{
    private const int Features = 30;
    private static readonly Lazy<TrainingSet> Data = new(() => SyntheticProblem.Create(1200, Features, 6, seed: 21));

    [Theory]
    [InlineData(ModelKind.Multinomial)]
    [InlineData(ModelKind.OneVsRest)]
    public void A_warm_started_path_reaches_the_cold_started_optima_in_the_order_given(ModelKind kind)
    {
        var data = Data.Value;
        var spec = SyntheticProblem.Spec(Features);
        var options = new TrainingOptions { Kind = kind };
        double[] cs = [10, 0.01, 1, 0.1];
        var path = SoftmaxTrainer.FitPath(data, spec, options, cs);

        Assert.Equal(cs.Length, path.Length);
        var coldEvaluations = 0;
        var warmEvaluations = 0;
        for (var i = 0; i < cs.Length; i++)
        {
            var cold = SoftmaxTrainer.Fit(data, spec, options with { C = cs[i] });
            coldEvaluations += cold.Evaluations;
            warmEvaluations += path[i].Evaluations;
            Assert.Contains("converged", path[i].StopReason, StringComparison.Ordinal);
            Assert.InRange(path[i].MaxGradient, 0, double.PositiveInfinity);
            var warm = SoftmaxTrainer.Objective(path[i].Model, data, cs[i]);
            var reference = SoftmaxTrainer.Objective(cold.Model, data, cs[i]);
            Assert.Equal(1.0, warm / reference, 1e-6);
            var agreement = SklearnParityTests.Predict(path[i].Model, data).Zip(SklearnParityTests.Predict(cold.Model, data)).Count(p => p.First == p.Second) / (double)data.Count;
            Assert.True(agreement >= 0.995, $"C={cs[i]}: predictions agree on {agreement:P2} of rows");
        }

        Assert.True(warmEvaluations < coldEvaluations, $"the path took {warmEvaluations} evaluations, cold starts {coldEvaluations}");
    }

    [Fact]
    public void An_uneven_grid_still_reaches_the_cold_optima_without_costing_more_than_cold_starts()
    {
        // 0.99 → 1 → 100: the line through the first two optima, followed to 100, would go a factor of 460 past it.
        var data = Data.Value;
        var spec = SyntheticProblem.Spec(Features);
        var options = new TrainingOptions();
        double[] cs = [0.99, 1, 100];
        var path = SoftmaxTrainer.FitPath(data, spec, options, cs);
        var cold = SoftmaxTrainer.Fit(data, spec, options with { C = 100 });

        Assert.Contains("converged", path[2].StopReason, StringComparison.Ordinal);
        Assert.Equal(1.0, SoftmaxTrainer.Objective(path[2].Model, data, 100) / SoftmaxTrainer.Objective(cold.Model, data, 100), 1e-6);
        Assert.True(path[2].Evaluations <= cold.Evaluations, $"from the path: {path[2].Evaluations} evaluations, cold: {cold.Evaluations}");
    }

    [Fact]
    public void A_start_from_other_models_is_re_expressed_in_this_datas_standardisation()
    {
        var data = Data.Value;
        var spec = SyntheticProblem.Spec(Features);
        var options = new TrainingOptions { C = 0.3 };
        var cold = SoftmaxTrainer.Fit(data, spec, options);

        // Its own solution, standardised the same way: already converged, or nearly.
        var again = SoftmaxTrainer.FitPath(data, spec, options, [options.C], [cold.Model])[0];
        Assert.True(again.Evaluations <= 5, $"restarting at the optimum took {again.Evaluations} evaluations");

        // Models of two halves (each with its own mean and deviation): a start close to the optimum, not the optimum.
        var halves = new[] { 0, 1 }.Select(h => Subset(data, i => i / data.ClassCount % 2 == h)).Select(half => SoftmaxTrainer.Train(half, spec, options)).ToArray();
        var started = SoftmaxTrainer.FitPath(data, spec, options, [options.C], halves)[0];
        Assert.Equal(1.0, SoftmaxTrainer.Objective(started.Model, data, options.C) / SoftmaxTrainer.Objective(cold.Model, data, options.C), 1e-6);
        Assert.True(started.Evaluations < cold.Evaluations, $"from the halves {started.Evaluations} evaluations, from zero {cold.Evaluations}");
    }

    private static TrainingSet Subset(TrainingSet data, Func<int, bool> keep)
    {
        var rows = Enumerable.Range(0, data.Count).Where(keep).ToArray();
        var features = rows.SelectMany(i => data.Row(i).ToArray()).ToArray();
        return new TrainingSet(features, data.FeatureCount, rows.Select(i => data.Labels[i]).ToArray(), data.ClassNames);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Preconditioned_coordinates_invert_and_carry_the_gradient(bool atPoint)
    {
        var data = SyntheticProblem.Create(300, 7, 4, seed: 3, separation: 1);
        var x = Standardizer.Fit(data).Apply(data);
        var objective = new LogisticObjective(x, data.Labels, 7, 4, ModelKind.Multinomial, 0.5);
        var random = new Random(9);
        var warm = Enumerable.Range(0, objective.ParameterCount).Select(_ => random.NextDouble() - 0.5).ToArray();
        var preconditioner = atPoint
            ? CurvaturePreconditioner.AtPoint(objective, x, warm)
            : CurvaturePreconditioner.Create(x, 7, [], CurvaturePreconditioner.TypicalCurvature(ModelKind.Multinomial, 4));
        var coordinates = preconditioner.ForC(0.5);
        var v = Enumerable.Range(0, objective.ParameterCount).Select(_ => random.NextDouble() - 0.5).ToArray();

        var theta = new double[v.Length];
        var back = new double[v.Length];
        coordinates.ToObjective(v, theta);
        coordinates.FromObjective(theta, back);
        for (var p = 0; p < v.Length; p++)
        {
            Assert.Equal(v[p], back[p], 1e-10);
        }

        // The gradient in v is the chain rule's: compare with central differences of f(θ(v)).
        var gradient = new double[v.Length];
        var mapped = new double[v.Length];
        objective.Evaluate(theta, gradient);
        coordinates.GradientToOptimizer(gradient, mapped);
        var scratch = new double[v.Length];
        double F(double[] point)
        {
            coordinates.ToObjective(point, theta);
            return objective.Evaluate(theta, scratch);
        }

        const double h = 1e-5;
        for (var p = 0; p < v.Length; p++)
        {
            var saved = v[p];
            v[p] = saved + h;
            var up = F(v);
            v[p] = saved - h;
            var down = F(v);
            v[p] = saved;
            var numeric = (up - down) / (2 * h);
            Assert.True(Math.Abs(numeric - mapped[p]) <= 1e-5 * Math.Max(1, Math.Abs(numeric)), $"parameter {p}: mapped {mapped[p]}, numeric {numeric}");
        }
    }
}
