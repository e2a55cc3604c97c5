using System.Text.Json;
using GenreStream.Model.Evaluation;

namespace GenreStream.Model.Tests.Evaluation;

public class ClassificationReportTests
{
    private static readonly string[] Labels = ["blues", "classical", "country"];

    // truth, probabilities → predicted (top): 0,0,1 | 1,2 | 2
    private static readonly int[] Truth = [0, 0, 0, 1, 1, 2];

    private static readonly float[][] Probabilities =
    [
        [0.7f, 0.2f, 0.1f],
        [0.5f, 0.4f, 0.1f],
        [0.2f, 0.6f, 0.2f],
        [0.1f, 0.8f, 0.1f],
        [0.3f, 0.3f, 0.4f],
        [0.1f, 0.1f, 0.8f],
    ];

    private static ClassificationReport Report() => ClassificationReport.Evaluate(Labels, Truth, Probabilities);

    [Fact]
    public void Confusion_matrix_has_truth_rows_and_predicted_columns()
    {
        var report = Report();
        Assert.Equal([2, 1, 0], report.Confusion[0]);
        Assert.Equal([0, 1, 1], report.Confusion[1]);
        Assert.Equal([0, 0, 1], report.Confusion[2]);
        Assert.Equal(4 / 6.0, report.Accuracy, 1e-12);
    }

    [Fact]
    public void Per_class_figures_and_macro_F1_match_hand_computation()
    {
        var report = Report();
        (double P, double R, double F1, int Support)[] expected = [(1, 2 / 3.0, 0.8, 3), (0.5, 0.5, 0.5, 2), (0.5, 1, 2 / 3.0, 1)];
        for (var k = 0; k < 3; k++)
        {
            var c = report.Classes[k];
            Assert.Equal(Labels[k], c.Label);
            Assert.Equal(expected[k].P, c.Precision, 1e-12);
            Assert.Equal(expected[k].R, c.Recall, 1e-12);
            Assert.Equal(expected[k].F1, c.F1, 1e-12);
            Assert.Equal(expected[k].Support, c.Support);
        }

        Assert.Equal((0.8 + 0.5 + (2 / 3.0)) / 3, report.MacroF1, 1e-12);
    }

    [Fact]
    public void Log_loss_is_the_mean_negative_log_probability_of_the_truth()
    {
        var expected = -new[] { 0.7f, 0.5f, 0.2f, 0.8f, 0.3f, 0.8f }.Sum(p => Math.Log(p)) / 6;
        Assert.Equal(expected, Report().LogLoss, 1e-12);
    }

    [Fact]
    public void A_zero_probability_for_the_truth_is_floored_not_infinite()
    {
        var report = ClassificationReport.Evaluate(Labels, [0, 1], [[0f, 1f, 0f], [0f, 1f, 0f]]);
        Assert.Equal(-Math.Log(1e-15) / 2, report.LogLoss, 1e-9);
    }

    [Fact]
    public void Calibration_error_weights_each_bin_by_its_rows()
    {
        // bins (15 wide): 0.7→10 ✓, 0.5→7 ✓, 0.6→9 ✗, 0.8→12 ✓✓, 0.4→6 ✗
        var expected = ((1 - 0.7f) + (1 - 0.5f) + 0.6f + (2 * (1 - 0.8f)) + 0.4f) / 6.0;
        Assert.Equal(expected, Report().ExpectedCalibrationError, 1e-6);

        // two bins: 0.95 (one of two right: |0.5 - 0.95|) and 0.55 (both right: |1 - 0.55|); 1.0 falls in the last bin
        Assert.Equal(0.45, CalibrationError.Expected([0.95, 0.95, 0.55, 0.55], [true, false, true, true]), 1e-12);
        Assert.Equal(0.0, CalibrationError.Expected([1.0, 1.0], [true, true]), 1e-12);
    }

    [Fact]
    public void Json_round_trip_keeps_every_figure()
    {
        var report = Report();
        var json = JsonSerializer.Serialize(report, EvaluationJsonContext.Default.ClassificationReport);
        Assert.Contains("\"macroF1\"", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize(json, EvaluationJsonContext.Default.ClassificationReport)!;
        Assert.Equal(report.Labels, back.Labels);
        Assert.Equal(report.Count, back.Count);
        Assert.Equal(report.Accuracy, back.Accuracy);
        Assert.Equal(report.MacroF1, back.MacroF1);
        Assert.Equal(report.LogLoss, back.LogLoss);
        Assert.Equal(report.ExpectedCalibrationError, back.ExpectedCalibrationError);
        Assert.Equal(report.Classes, back.Classes); // records of scalars: value equality
        Assert.Equal(report.Confusion, back.Confusion);
    }

    [Fact]
    public void Table_is_aligned_and_fits_100_columns_even_for_ten_long_names()
    {
        var labels = Enumerable.Range(0, 10).Select(i => $"a-rather-long-genre-name-{i}").ToArray();
        var truth = Enumerable.Range(0, 1000).Select(i => i % 10).ToArray();
        var probabilities = truth.Select(t => Enumerable.Range(0, 10).Select(k => k == (t * 3 % 10) ? 0.5f : 0.5f / 9).ToArray()).ToArray();
        var table = ClassificationReport.Evaluate(labels, truth, probabilities).ToTable();
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.All(lines, l => Assert.True(l.Length <= 100, $"{l.Length} chars: {l}"));

        var matrix = lines.Skip(1).Take(11).ToArray(); // header + 10 rows, equal lengths when aligned
        Assert.Single(matrix.Select(l => l.Length).Distinct());
        var figures = lines.Skip(12).ToArray();
        Assert.Equal(11, figures.Length);
        Assert.Single(figures.Select(l => l.Length).Distinct());

        var small = Report().ToTable();
        Assert.Contains("classical", small, StringComparison.Ordinal);
        Assert.Contains("0.8000", small, StringComparison.Ordinal);
    }

    [Fact]
    public void Balanced_accuracy_and_macro_f1_count_only_the_labels_present_in_the_truth()
    {
        // Two of three labels present: recalls 1/2 and 1/1; the absent label must not pull the means down.
        var report = ClassificationReport.Evaluate(Labels, [0, 0, 1], [[0.9f, 0.05f, 0.05f], [0.1f, 0.8f, 0.1f], [0.1f, 0.8f, 0.1f]]);
        Assert.Equal(0.75, report.BalancedAccuracy, 1e-12);
        Assert.Equal(report.Classes.Where(c => c.Support > 0).Average(c => c.F1), report.MacroF1, 1e-12);
        Assert.Equal(2.0 / 3, report.Accuracy, 1e-12);
    }

    [Fact]
    public void Mismatched_shapes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ClassificationReport.Evaluate(Labels, [0, 1], [[1f, 0f, 0f]]));
        Assert.Throws<ArgumentException>(() => ClassificationReport.Evaluate(Labels, [5], [[1f, 0f, 0f]]));
    }
}
