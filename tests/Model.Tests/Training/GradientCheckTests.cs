using GenreStream.Model.Softmax;
using GenreStream.Model.Training;

namespace GenreStream.Model.Tests.Training;

public class GradientCheckTests
{
    [Theory]
    [InlineData(ModelKind.Multinomial, 0.5)]
    [InlineData(ModelKind.OneVsRest, 0.5)]
    [InlineData(ModelKind.Multinomial, 100)]
    public void Analytic_gradient_matches_central_differences(ModelKind kind, double c)
    {
        const int rows = 300; // more than one chunk, so the parallel reduction is exercised
        const int d = 7;
        const int classes = 4;
        var data = SyntheticProblem.Create(rows, d, classes, seed: 3, separation: 1);
        var x = Standardizer.Fit(data).Apply(data);
        var objective = new LogisticObjective(x, data.Labels, d, classes, kind, c);
        var random = new Random(5);
        var theta = Enumerable.Range(0, objective.ParameterCount).Select(_ => random.NextDouble() - 0.5).ToArray();
        var gradient = new double[objective.ParameterCount];
        objective.Evaluate(theta, gradient);

        var scratch = new double[objective.ParameterCount];
        const double h = 1e-5;
        for (var p = 0; p < theta.Length; p++)
        {
            var saved = theta[p];
            theta[p] = saved + h;
            var up = objective.Evaluate(theta, scratch);
            theta[p] = saved - h;
            var down = objective.Evaluate(theta, scratch);
            theta[p] = saved;
            var numeric = (up - down) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[p]) <= 1e-5 * Math.Max(1, Math.Abs(numeric)), $"parameter {p}: analytic {gradient[p]}, numeric {numeric}");
        }
    }

    [Fact]
    public void Evaluation_is_deterministic_and_matches_the_serial_mini_batch_path()
    {
        var data = SyntheticProblem.Create(1000, 9, 3, seed: 4);
        var x = Standardizer.Fit(data).Apply(data);
        var objective = new LogisticObjective(x, data.Labels, 9, 3, ModelKind.Multinomial, 1);
        var theta = Enumerable.Range(0, objective.ParameterCount).Select(i => Math.Sin(i) * 0.3).ToArray();
        var a = new double[objective.ParameterCount];
        var b = new double[objective.ParameterCount];
        var first = objective.Evaluate(theta, a);
        Assert.Equal(first, objective.Evaluate(theta, b));
        Assert.Equal(a, b);

        var serial = new double[objective.ParameterCount];
        var all = Enumerable.Range(0, 1000).ToArray();
        var value = objective.AccumulateRows(all, theta, serial, new double[3]) + objective.AddPenalty(theta, serial, 1);
        Assert.Equal(first, value, 1e-9 * Math.Abs(first));
        for (var p = 0; p < a.Length; p++)
        {
            Assert.Equal(a[p], serial[p], 1e-9);
        }
    }
}
