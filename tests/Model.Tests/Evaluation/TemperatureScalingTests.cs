using GenreStream.Model.Evaluation;
using GenreStream.Model.Softmax;
using GenreStream.TestSupport;

namespace GenreStream.Model.Tests.Evaluation;

public class TemperatureScalingTests
{
    [Theory]
    [InlineData(3.0)]
    [InlineData(0.5)]
    public void Recovers_the_temperature_that_made_calibrated_predictions_over_or_under_confident(double distortion)
    {
        // Draw labels from calibrated probabilities, then hand the fitter logits multiplied by the distortion.
        var random = new Random(3);
        var truth = new List<int>();
        var logP = new List<float[]>();
        for (var n = 0; n < 6000; n++)
        {
            var logits = Enumerable.Range(0, 5).Select(_ => (float)(random.NextDouble() * 3)).ToArray();
            var p = new float[5];
            LogSoftmax.Probabilities(logits, p);
            var u = random.NextDouble();
            var label = 0;
            for (var cumulative = p[0]; cumulative < u && label < 4; cumulative += p[++label])
            {
            }

            truth.Add(label);
            var distorted = logits.Select(z => (float)(z * distortion)).ToArray();
            LogSoftmax.Compute(distorted, distorted);
            logP.Add(distorted);
        }

        var t = TemperatureScaling.Fit(truth, logP);
        Assert.Equal(distortion, t, distortion * 0.1);
        Assert.True(TemperatureScaling.LogLoss(truth, logP, t) < TemperatureScaling.LogLoss(truth, logP, 1));
    }

    [Fact]
    public void A_model_with_a_temperature_keeps_its_argmax_softens_its_probabilities_and_round_trips()
    {
        var model = TestModels.Random();
        var hot = model.WithTemperature(4f);
        var x = Enumerable.Range(0, model.FeatureCount).Select(i => (float)Math.Cos(i * 0.7) * 30).ToArray();
        var p = new float[10];
        var q = new float[10];
        model.PredictProbabilities(x, p, new float[model.FeatureCount]);
        hot.PredictProbabilities(x, q, new float[model.FeatureCount]);
        Assert.Equal(Array.IndexOf(p, p.Max()), Array.IndexOf(q, q.Max()));
        Assert.True(q.Max() < p.Max());

        var loaded = ModelFile.Parse(ModelFile.Serialize(hot));
        Assert.Equal(4f, loaded.Temperature);
        Assert.Throws<ModelFormatException>(() => model.WithTemperature(0));
    }
}
