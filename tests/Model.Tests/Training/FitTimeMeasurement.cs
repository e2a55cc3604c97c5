using System.Diagnostics;
using GenreStream.Model.Features;
using GenreStream.Model.Softmax;
using GenreStream.Model.Training;
using Xunit.Abstractions;

namespace GenreStream.Model.Tests.Training;

/// <summary>
/// Fit time at the project's realistic size (7000 texture windows × 206 features, 10 genres). A measurement,
/// not an assertion: runs only with GENRE_MEASURE=1 and prints its figures.
/// </summary>
public class FitTimeMeasurement(ITestOutputHelper output)
{
    [SkippableFact]
    public void Fit_time_for_7000_rows_of_206_features()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("GENRE_MEASURE") == "1", "measurement: set GENRE_MEASURE=1 to run");
        var spec = FeatureSpec.Default with { MelBands = 64 };
        Assert.Equal(206, spec.VectorLength);
        var data = SyntheticProblem.Create(7000, 206, 10, seed: 5, separation: 0.25);
        foreach (var kind in new[] { ModelKind.Multinomial, ModelKind.OneVsRest })
        {
            var clock = Stopwatch.StartNew();
            var result = SoftmaxTrainer.Fit(data, spec, new TrainingOptions { C = 1, Kind = kind });
            output.WriteLine($"{kind}: {clock.Elapsed.TotalSeconds:F2} s wall, {result.Iterations} iterations, {result.Evaluations} evaluations " +
                $"({result.Elapsed.TotalMilliseconds / result.Evaluations:F1} ms each incl. optimizer), objective {result.Objective:F3}, max|g| {result.MaxGradient:G3}, {result.StopReason}");
        }

        var sgdClock = Stopwatch.StartNew();
        var sgd = SoftmaxTrainer.Fit(data, spec, new TrainingOptions { C = 1, Optimizer = Optimizer.MiniBatchGradientDescent });
        output.WriteLine($"mini-batch (200 epochs): {sgdClock.Elapsed.TotalSeconds:F2} s, objective {sgd.Objective:F3}");
    }
}
