using GenreStream.Model.Training;

namespace GenreStream.Model.Tests.Training;

public class SampleWeightTests
{
    [Fact]
    public void A_row_of_weight_two_counts_as_two_copies_of_it()
    {
        var data = SyntheticProblem.Create(rows: 300, featureCount: 8, classes: 3, seed: 5);
        var spec = SyntheticProblem.Spec(8);
        var d = data.FeatureCount;

        // Weighted: the first 50 rows weigh 2. Duplicated: the first 50 rows appear twice.
        var weights = Enumerable.Range(0, data.Count).Select(i => i < 50 ? 2f : 1f).ToArray();
        var weighted = new TrainingSet(data.Features, d, data.Labels, data.ClassNames, weights);
        var rows = Enumerable.Range(0, data.Count).Concat(Enumerable.Range(0, 50)).ToArray();
        var features = rows.SelectMany(r => data.Row(r).ToArray()).ToArray();
        var labels = rows.Select(r => data.Labels[r]).ToArray();
        var duplicated = new TrainingSet(features, d, labels, data.ClassNames);

        var options = new TrainingOptions { C = 0.5, Tolerance = 1e-9 };
        var fromWeights = SoftmaxTrainer.Train(weighted, spec, options);
        var fromCopies = SoftmaxTrainer.Train(duplicated, spec, options);

        // Standardisation differs (it is unweighted), so compare what the models do, not their raw weights.
        Assert.Equal(
            SoftmaxTrainer.Objective(fromCopies, duplicated, 0.5),
            SoftmaxTrainer.Objective(fromWeights, duplicated, 0.5),
            SoftmaxTrainer.Objective(fromCopies, duplicated, 0.5) * 1e-3);
        var p = new float[3];
        var q = new float[3];
        var agree = 0;
        for (var i = 0; i < data.Count; i++)
        {
            fromWeights.PredictProbabilities(data.Row(i), p, new float[d]);
            fromCopies.PredictProbabilities(data.Row(i), q, new float[d]);
            agree += Array.IndexOf(p, p.Max()) == Array.IndexOf(q, q.Max()) ? 1 : 0;
        }

        Assert.True(agree >= data.Count * 0.98, $"{agree} of {data.Count} predictions agree");
    }

    [Fact]
    public void Negative_NaN_or_miscounted_weights_are_refused()
    {
        var data = SyntheticProblem.Create(rows: 30, featureCount: 4, classes: 2, seed: 1);
        var bad = Enumerable.Repeat(1f, data.Count).ToArray();
        bad[3] = -1;
        Assert.Contains("weights", Assert.Throws<ArgumentException>(() => new TrainingSet(data.Features, 4, data.Labels, data.ClassNames, bad)).Message, StringComparison.Ordinal);
        bad[3] = float.NaN;
        Assert.Contains("weights", Assert.Throws<ArgumentException>(() => new TrainingSet(data.Features, 4, data.Labels, data.ClassNames, bad)).Message, StringComparison.Ordinal);
        Assert.Contains("weights", Assert.Throws<ArgumentException>(() => new TrainingSet(data.Features, 4, data.Labels, data.ClassNames, bad.AsSpan(1))).Message, StringComparison.Ordinal);
    }
}
