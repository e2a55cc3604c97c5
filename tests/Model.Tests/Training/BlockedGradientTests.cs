using GenreStream.Model.Softmax;
using GenreStream.Model.Training;

namespace GenreStream.Model.Tests.Training;

/// <summary>The blocked, padded objective kernel against a plain double-precision reference written out here.</summary>
public class BlockedGradientTests
{
    [Theory]
    [InlineData(ModelKind.Multinomial, 5, 13, 1003, false)] // odd class count, d and n not multiples of the block
    [InlineData(ModelKind.Multinomial, 10, 197, 700, true)] // the shipped shape, with row weights
    [InlineData(ModelKind.OneVsRest, 3, 9, 257, true)]
    public void Objective_and_gradient_equal_the_plain_reference(ModelKind kind, int classes, int d, int rows, bool weighted)
    {
        var data = SyntheticProblem.Create(rows, d, classes, seed: 17, separation: 0.8);
        var x = Standardizer.Fit(data).Apply(data);
        var random = new Random(4);
        var weights = weighted ? Enumerable.Range(0, rows).Select(_ => (float)(random.NextDouble() * 2)).ToArray() : [];
        const double c = 0.7;
        var objective = new LogisticObjective(x, data.Labels, d, classes, kind, c, weights);
        var theta = Enumerable.Range(0, objective.ParameterCount).Select(_ => (random.NextDouble() - 0.5) * 0.4).ToArray();

        var gradient = new double[theta.Length];
        var value = objective.Evaluate(theta, gradient);
        var (expectedValue, expectedGradient) = Reference(x, data.Labels.ToArray(), weights, d, classes, kind == ModelKind.OneVsRest, c, theta);

        Assert.Equal(1.0, value / expectedValue, 1e-7);
        var scale = expectedGradient.Max(Math.Abs);
        for (var p = 0; p < theta.Length; p++)
        {
            Assert.True(Math.Abs(gradient[p] - expectedGradient[p]) <= 1e-5 * Math.Max(1, Math.Abs(expectedGradient[p])), $"parameter {p}: {gradient[p]} against {expectedGradient[p]} (largest {scale})");
        }
    }

    private static (double Value, double[] Gradient) Reference(double[] x, int[] labels, float[] weights, int d, int classes, bool oneVsRest, double c, double[] theta)
    {
        var gradient = new double[theta.Length];
        var value = 0.0;
        var z = new double[classes];
        for (var i = 0; i < labels.Length; i++)
        {
            for (var k = 0; k < classes; k++)
            {
                z[k] = theta[(classes * d) + k];
                for (var j = 0; j < d; j++)
                {
                    z[k] += theta[(k * d) + j] * x[(i * d) + j];
                }
            }

            var w = weights.Length == 0 ? 1.0 : weights[i];
            var residual = new double[classes];
            if (oneVsRest)
            {
                for (var k = 0; k < classes; k++)
                {
                    var y = k == labels[i] ? 1.0 : 0.0;
                    var p = 1 / (1 + Math.Exp(-z[k]));
                    value -= w * ((y * Math.Log(p)) + ((1 - y) * Math.Log(1 - p)));
                    residual[k] = w * (p - y);
                }
            }
            else
            {
                var normaliser = Math.Log(z.Sum(Math.Exp));
                value += w * (normaliser - z[labels[i]]);
                for (var k = 0; k < classes; k++)
                {
                    residual[k] = w * (Math.Exp(z[k] - normaliser) - (k == labels[i] ? 1 : 0));
                }
            }

            for (var k = 0; k < classes; k++)
            {
                gradient[(classes * d) + k] += residual[k];
                for (var j = 0; j < d; j++)
                {
                    gradient[(k * d) + j] += residual[k] * x[(i * d) + j];
                }
            }
        }

        for (var p = 0; p < classes * d; p++)
        {
            value += theta[p] * theta[p] / (2 * c);
            gradient[p] += theta[p] / c;
        }

        return (value, gradient);
    }
}
