using System.Text.Json.Nodes;
using GenreStream.Model.Softmax;
using GenreStream.TestSupport;

namespace GenreStream.Model.Tests.Softmax;

public class ModelKindTests
{
    private static SoftmaxModel OneVsRest()
    {
        var m = TestModels.Random();
        return new SoftmaxModel(m.Labels, m.Spec, m.Mean, m.StandardDeviation, m.Weights, m.Biases, m.Aggregation, ModelKind.OneVsRest);
    }

    private static float[] Features(int d) => Enumerable.Range(0, d).Select(i => (float)(5 + (10 * Math.Sin(i)))).ToArray();

    [Fact]
    public void One_vs_rest_probabilities_are_normalised_sigmoids()
    {
        var model = OneVsRest();
        var x = Features(model.FeatureCount);
        var scratch = new float[model.FeatureCount];
        var logits = new float[model.ClassCount];
        model.Logits(x, logits, scratch);
        var sigmoids = logits.Select(z => 1 / (1 + Math.Exp(-z))).ToArray();
        var expected = sigmoids.Select(s => s / sigmoids.Sum()).ToArray();

        var p = new float[model.ClassCount];
        var logP = new float[model.ClassCount];
        model.PredictProbabilities(x, p, scratch);
        model.PredictLogProbabilities(x, logP, scratch);
        for (var k = 0; k < p.Length; k++)
        {
            Assert.Equal(expected[k], p[k], 1e-6);
            Assert.Equal(Math.Log(expected[k]), logP[k], 1e-5);
        }
    }

    [Fact]
    public void Extreme_one_vs_rest_logits_stay_finite()
    {
        float[] logits = [1e4f, -1e4f, 0f, -50f];
        var logP = new float[4];
        var p = new float[4];
        LogSigmoid.NormalisedLogProbabilities(logits, logP);
        LogSigmoid.NormalisedProbabilities(logits, p);
        Assert.All(logP, v => Assert.True(float.IsFinite(v) && v <= 0));
        Assert.Equal(1.0, p.Sum(v => (double)v), 1e-6);
        Assert.Equal(Math.Log(1 / (1 + Math.Exp(50)) / 1.5), logP[3], 1e-3);
    }

    [Fact]
    public void The_kind_round_trips_through_the_model_file()
    {
        var model = OneVsRest();
        var json = ModelFile.Serialize(model);
        Assert.Contains("\"modelKind\":\"OneVsRest\"", json, StringComparison.Ordinal);
        var loaded = ModelFile.Parse(json);
        Assert.Equal(ModelKind.OneVsRest, loaded.Kind);

        var x = Features(model.FeatureCount);
        var a = new float[model.ClassCount];
        var b = new float[model.ClassCount];
        model.PredictLogProbabilities(x, a, new float[model.FeatureCount]);
        loaded.PredictLogProbabilities(x, b, new float[model.FeatureCount]);
        Assert.Equal(a, b);
    }

    [Fact]
    public void A_file_without_a_kind_is_multinomial()
    {
        var doc = JsonNode.Parse(ModelFile.Serialize(OneVsRest()))!.AsObject();
        Assert.True(doc.Remove("modelKind"));
        Assert.Equal(ModelKind.Multinomial, ModelFile.Parse(doc.ToJsonString()).Kind);
    }
}
