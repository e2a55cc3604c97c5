namespace GenreStream.Model.Evaluation;

/// <summary>
/// How well predicted class probabilities fit the truth: accuracy, macro-F1, per-class figures, log loss,
/// expected calibration error and the confusion matrix. Serialisable with <see cref="EvaluationJsonContext"/>.
/// </summary>
public sealed record ClassificationReport
{
    /// <summary>Probabilities below this are raised to it before taking logs (as scikit-learn's log_loss).</summary>
    public const double ProbabilityFloor = 1e-15;

    public required string[] Labels { get; init; }

    /// <summary>Rows evaluated.</summary>
    public int Count { get; init; }

    /// <summary>Fraction of rows whose most probable class (first on ties) is the true one.</summary>
    public double Accuracy { get; init; }

    /// <summary>Unweighted mean of the per-class F1 scores of the classes present in the truth.</summary>
    public double MacroF1 { get; init; }

    /// <summary>Balanced accuracy: the unweighted mean of the per-class recalls of the classes present in the truth.</summary>
    public double BalancedAccuracy { get; init; }

    /// <summary>Mean of −ln p(true class), p floored at <see cref="ProbabilityFloor"/> (nats).</summary>
    public double LogLoss { get; init; }

    /// <summary><see cref="CalibrationError.Expected"/> with 15 bins of the top probability.</summary>
    public double ExpectedCalibrationError { get; init; }

    public required ClassFigures[] Classes { get; init; }

    /// <summary>Counts by [true class][predicted class].</summary>
    public required int[][] Confusion { get; init; }

    /// <summary>Evaluates <paramref name="probabilities"/> (one row of class probabilities per example) against <paramref name="truth"/>.</summary>
    /// <exception cref="ArgumentException">Shapes disagree or a true class is out of range.</exception>
    public static ClassificationReport Evaluate(IReadOnlyList<string> labels, int[] truth, float[][] probabilities)
    {
        var k = labels.Count;
        var n = truth.Length;
        if (probabilities.Length != n || probabilities.Any(p => p is null || p.Length != k))
        {
            throw new ArgumentException($"expected {n} rows of {k} probabilities (one per label)");
        }

        if (n == 0 || truth.Any(t => (uint)t >= (uint)k))
        {
            throw new ArgumentException($"need at least one row and true classes within 0..{k - 1}");
        }

        var confusion = Enumerable.Range(0, k).Select(_ => new int[k]).ToArray();
        var confidence = new double[n];
        var correct = new bool[n];
        var logLoss = 0.0;
        for (var i = 0; i < n; i++)
        {
            var row = probabilities[i];
            var predicted = 0;
            for (var c = 1; c < k; c++)
            {
                predicted = row[c] > row[predicted] ? c : predicted;
            }

            confusion[truth[i]][predicted]++;
            confidence[i] = row[predicted];
            correct[i] = predicted == truth[i];
            logLoss -= Math.Log(Math.Max(row[truth[i]], ProbabilityFloor));
        }

        var classes = new ClassFigures[k];
        for (var c = 0; c < k; c++)
        {
            var hits = confusion[c][c];
            var support = confusion[c].Sum();
            var predictedCount = confusion.Sum(r => r[c]);
            var precision = predictedCount == 0 ? 0 : (double)hits / predictedCount;
            var recall = support == 0 ? 0 : (double)hits / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            classes[c] = new ClassFigures { Label = labels[c], Precision = precision, Recall = recall, F1 = f1, Support = support };
        }

        return new ClassificationReport
        {
            Labels = [.. labels],
            Count = n,
            Accuracy = correct.Count(b => b) / (double)n,
            MacroF1 = classes.Where(c => c.Support > 0).Average(c => c.F1),
            BalancedAccuracy = classes.Where(c => c.Support > 0).Average(c => c.Recall),
            LogLoss = logLoss / n,
            ExpectedCalibrationError = CalibrationError.Expected(confidence, correct),
            Classes = classes,
            Confusion = confusion,
        };
    }

    /// <summary>The confusion matrix and per-class figures as aligned text (at most 100 characters wide).</summary>
    public string ToTable() => ReportTable.Render(this);
}
