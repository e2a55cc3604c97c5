using GenreStream.Model.Softmax;
using GenreStream.Model.Training;

namespace GenreStream.Model.Tests.Training;

/// <summary>The curvature preconditioner's parts against plain loops written out here.</summary>
public class CurvaturePreconditionerTests
{
    [Theory]
    [InlineData(13, 103)] // d and n off the vector width and the four-row block
    [InlineData(197, 64)] // the shipped feature count
    public void The_half_gram_kernel_mirrored_equals_the_full_product(int d, int n)
    {
        var random = new Random(d + n);
        var stride = RowBlockKernels.Stride(d);
        var rows = new double[n * stride];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                rows[(i * stride) + j] = random.NextDouble() - 0.5;
            }
        }

        var gram = new double[d * stride];
        RowBlockKernels.AccumulateGram(rows, stride, 0, n, d, gram);
        RowBlockKernels.MirrorUpper(gram, stride, d);
        for (var a = 0; a < d; a++)
        {
            for (var b = 0; b < d; b++)
            {
                var expected = 0.0;
                for (var i = 0; i < n; i++)
                {
                    expected += rows[(i * stride) + a] * rows[(i * stride) + b];
                }

                Assert.Equal(expected, gram[(a * stride) + b], 1e-10);
            }
        }
    }

    [Theory]
    [InlineData(ModelKind.Multinomial, false)]
    [InlineData(ModelKind.Multinomial, true)]
    [InlineData(ModelKind.OneVsRest, true)]
    public void Row_curvatures_are_the_mean_diagonal_of_the_logit_hessian(ModelKind kind, bool weighted)
    {
        const int d = 9;
        const int classes = 5;
        var data = SyntheticProblem.Create(203, d, classes, seed: 5, separation: 1);
        var x = Standardizer.Fit(data).Apply(data);
        var random = new Random(3);
        var weights = weighted ? Enumerable.Range(0, data.Count).Select(_ => (float)(random.NextDouble() * 2)).ToArray() : [];
        var objective = new LogisticObjective(x, data.Labels, d, classes, kind, 1, weights);
        var theta = Enumerable.Range(0, objective.ParameterCount).Select(_ => random.NextDouble() - 0.5).ToArray();

        var curvatures = new double[data.Count];
        objective.RowCurvatures(theta, curvatures);
        for (var i = 0; i < data.Count; i++)
        {
            var z = new double[classes];
            for (var k = 0; k < classes; k++)
            {
                z[k] = theta[(classes * d) + k];
                for (var j = 0; j < d; j++)
                {
                    z[k] += theta[(k * d) + j] * x[(i * d) + j];
                }
            }

            var p = kind == ModelKind.OneVsRest ? z.Select(v => 1 / (1 + Math.Exp(-v))).ToArray() : Softmax(z);
            var expected = p.Sum(q => q * (1 - q)) / classes * (weighted ? weights[i] : 1);
            Assert.Equal(expected, curvatures[i], 1e-6);
        }
    }

    [Fact]
    public void Row_curvatures_stay_finite_for_logits_beyond_exps_range()
    {
        const int d = 4;
        const int classes = 3;
        var data = SyntheticProblem.Create(40, d, classes, seed: 6, separation: 1);
        var x = Standardizer.Fit(data).Apply(data);
        var objective = new LogisticObjective(x, data.Labels, d, classes, ModelKind.Multinomial, 1);
        var theta = new double[objective.ParameterCount];
        theta[classes * d] = 800; // class 0's bias: every row's first logit is about 800

        var curvatures = new double[data.Count];
        objective.RowCurvatures(theta, curvatures);
        Assert.All(curvatures, c => Assert.True(double.IsFinite(c) && c >= 0 && c < 1e-6, $"curvature {c}"));
    }

    [Fact]
    public void At_a_point_the_map_squared_inverts_the_curvature_weighted_gram_plus_penalty()
    {
        const int d = 6;
        const int classes = 3;
        const double c = 0.4;
        var data = SyntheticProblem.Create(150, d, classes, seed: 8, separation: 1);
        var x = Standardizer.Fit(data).Apply(data);
        var objective = new LogisticObjective(x, data.Labels, d, classes, ModelKind.Multinomial, c);
        var random = new Random(1);
        var theta = Enumerable.Range(0, objective.ParameterCount).Select(_ => random.NextDouble() - 0.5).ToArray();
        var coordinates = CurvaturePreconditioner.AtPoint(objective, x, theta).ForC(c);

        // H = XᵀSX + I/C from the row curvatures; A² must be its inverse, so H·A·A·u = u.
        var s = new double[data.Count];
        objective.RowCurvatures(theta, s);
        var u = Enumerable.Range(0, objective.ParameterCount).Select(_ => random.NextDouble() - 0.5).ToArray();
        var once = new double[u.Length];
        var twice = new double[u.Length];
        coordinates.ToObjective(u, once);
        coordinates.ToObjective(once, twice);
        for (var k = 0; k < classes; k++)
        {
            for (var a = 0; a < d; a++)
            {
                var h = twice[(k * d) + a] / c;
                for (var b = 0; b < d; b++)
                {
                    var gram = 0.0;
                    for (var i = 0; i < data.Count; i++)
                    {
                        gram += s[i] * x[(i * d) + a] * x[(i * d) + b];
                    }

                    h += gram * twice[(k * d) + b];
                }

                Assert.Equal(u[(k * d) + a], h, 1e-9);
            }
        }

        // Biases: scaled by 1/√(Σ S_i) each way.
        var scale = 1 / Math.Sqrt(s.Sum());
        for (var k = 0; k < classes; k++)
        {
            Assert.Equal(u[(classes * d) + k] * scale * scale, twice[(classes * d) + k], 1e-12);
        }
    }

    private static double[] Softmax(double[] z)
    {
        var max = z.Max();
        var e = z.Select(v => Math.Exp(v - max)).ToArray();
        var sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }
}
