using GenreStream.Model.Training;

namespace GenreStream.Model.Tests.Training;

public class ValidationTests
{
    [Fact]
    public void Bad_options_are_listed_together()
    {
        var errors = new TrainingOptions { C = -1, Tolerance = double.NaN, BatchSize = 0, Epochs = 0, MaxIterations = 0, LearningRate = 0 }.Validate();
        Assert.Equal(6, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("C -1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("BatchSize", StringComparison.Ordinal));
        Assert.Empty(new TrainingOptions().Validate());
    }

    [Fact]
    public void A_bad_training_set_lists_NaN_features_bad_labels_and_the_empty_classes()
    {
        float[] features = [1, float.NaN, 3, 4, 5, float.PositiveInfinity];
        var e = Assert.Throws<ArgumentException>(() => new TrainingSet(features, 2, [0, 0, 7], ["blues", "jazz", "rock"]));
        Assert.Contains("2 feature values are NaN or infinite (first at row 0, feature 1)", e.Message, StringComparison.Ordinal);
        Assert.Contains("1 labels are outside 0..2", e.Message, StringComparison.Ordinal);
        Assert.Contains("no examples of classes jazz, rock", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Training_refuses_bad_options_and_a_mismatched_spec_in_one_message()
    {
        var data = SyntheticProblem.Create(40, 5, 2, seed: 1);
        var e = Assert.Throws<ArgumentException>(() => SoftmaxTrainer.Train(data, SyntheticProblem.Spec(6), new TrainingOptions { C = 0 }));
        Assert.Contains("C 0", e.Message, StringComparison.Ordinal);
        Assert.Contains("the rows have 5 features but the feature spec gives 6", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constant_features_standardise_to_zero()
    {
        float[] features = [1, 5, 2, 5, 3, 5];
        var set = new TrainingSet(features, 2, [0, 1, 0], ["a", "b"]);
        var standardizer = Standardizer.Fit(set);
        Assert.Equal(1f, standardizer.Std[1]);
        Assert.Equal(Math.Sqrt(2 / 3.0), standardizer.Std[0], 1e-6);
        var x = standardizer.Apply(set);
        Assert.All(new[] { x[1], x[3], x[5] }, v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Training_can_be_cancelled()
    {
        var data = SyntheticProblem.Create(200, 5, 3, seed: 1);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => SoftmaxTrainer.Train(data, SyntheticProblem.Spec(5), new TrainingOptions(), cts.Token));
    }
}
