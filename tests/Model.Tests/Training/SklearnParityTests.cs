using GenreStream.Model.Softmax;
using GenreStream.Model.Training;
using GenreStream.TestSupport;
using Xunit.Abstractions;

namespace GenreStream.Model.Tests.Training;

/// <summary>SoftmaxTrainer against scikit-learn 1.2's LogisticRegression(solver='lbfgs') on the same standardised data.</summary>
public class SklearnParityTests(ITestOutputHelper output)
{
    private const int Rows = 1500;
    private const int Features = 60;

    private static readonly Lazy<TrainingSet> Data = new(() => SyntheticProblem.Create(Rows, Features, 10, seed: 11));

    [SkippableTheory]
    [InlineData(0.01, ModelKind.Multinomial)]
    [InlineData(1.0, ModelKind.Multinomial)]
    [InlineData(100.0, ModelKind.Multinomial)]
    [InlineData(1.0, ModelKind.OneVsRest)]
    public void Objective_and_predictions_match_scikit_learn(double c, ModelKind kind)
    {
        Requires.Sklearn();
        var data = Data.Value;
        var spec = SyntheticProblem.Spec(Features);
        var standardizer = Standardizer.Fit(data);
        var reference = SklearnReference.Fit(standardizer.Apply(data), data.Labels.ToArray(), Features, c, kind == ModelKind.OneVsRest);

        // Both sides compute the same objective: ours evaluated at sklearn's solution equals Python's value.
        var sklearnModel = new SoftmaxModel(data.ClassNames, spec, standardizer.Mean, standardizer.Std, reference.Weights, reference.Biases, kind: kind);
        Assert.Equal(1.0, SoftmaxTrainer.Objective(sklearnModel, data, c) / reference.Objective, 1e-5);

        var result = SoftmaxTrainer.Fit(data, spec, new TrainingOptions { C = c, Kind = kind });
        var ours = SoftmaxTrainer.Objective(result.Model, data, c);
        var agreement = Predict(result.Model, data).Zip(reference.Predictions).Count(p => p.First == p.Second) / (double)Rows;
        output.WriteLine($"C={c} {kind}: ours {ours:R}, sklearn {reference.Objective:R} (ratio {ours / reference.Objective:R}), agreement {agreement:P2}, " +
            $"{result.Iterations} iterations, {result.Evaluations} evaluations, max|g| {result.MaxGradient:G3}, {result.Elapsed.TotalMilliseconds:F0} ms, {result.StopReason}");

        Assert.InRange(ours / reference.Objective, 1 - 1e-3, 1 + 1e-3);
        Assert.True(agreement >= 0.99, $"predictions agree on {agreement:P2} of rows");
    }

    internal static int[] Predict(SoftmaxModel model, TrainingSet data)
    {
        var p = new float[model.ClassCount];
        var scratch = new float[model.FeatureCount];
        var predictions = new int[data.Count];
        for (var i = 0; i < data.Count; i++)
        {
            model.PredictProbabilities(data.Row(i), p, scratch);
            predictions[i] = p.AsSpan().IndexOf(p.Max());
        }

        return predictions;
    }
}
