using GenreStream.Model.Evaluation;
using GenreStream.Model.Softmax;

namespace GenreStream.Host.Training;

/// <summary>Builds a <see cref="TrainingReport"/> from per-clip window log-probabilities.</summary>
internal static class ReportBuilder
{
    /// <param name="kind">What the figures are (cross-validation, evaluation...).</param>
    /// <param name="data">The clips and labels.</param>
    /// <param name="clips">Indices of the evaluated clips.</param>
    /// <param name="windowLogProbabilities">For each evaluated clip, its windows' log-probabilities.</param>
    /// <param name="aggregation">The clip aggregation to report as the headline.</param>
    /// <param name="fitTemperature">Also fit a temperature on these windows and report the calibration it gives.</param>
    public static TrainingReport Build(string kind, LabelledFeatures data, IReadOnlyList<int> clips, IReadOnlyList<float[][]> windowLogProbabilities, ClipAggregation aggregation, bool fitTemperature = false)
    {
        var truth = clips.Select(i => data.LabelOf[i]).ToArray();
        var meanLog = windowLogProbabilities.Select(w => LabelledFeatures.Aggregate(w, ClipAggregation.MeanLogProbability)).ToArray();
        var meanP = windowLogProbabilities.Select(w => LabelledFeatures.Aggregate(w, ClipAggregation.MeanProbability)).ToArray();
        var headline = aggregation == ClipAggregation.MeanLogProbability ? meanLog : meanP;
        var windowTruth = clips.SelectMany((i, n) => Enumerable.Repeat(data.LabelOf[i], windowLogProbabilities[n].Length)).ToArray();
        var windowP = windowLogProbabilities.SelectMany(w => w.Select(LabelledFeatures.Exp)).ToArray();

        SubsetFigures Subset(Func<int, bool> include)
        {
            var chosen = Enumerable.Range(0, clips.Count).Where(n => include(clips[n])).ToArray();
            var correct = chosen.Count(n => Probabilities.ArgMax(headline[n]) == truth[n]);
            return new SubsetFigures(chosen.Length, chosen.Length == 0 ? null : (double)correct / chosen.Length);
        }

        double Accuracy(float[][] p) => (double)Enumerable.Range(0, truth.Length).Count(n => Probabilities.ArgMax(p[n]) == truth[n]) / truth.Length;

        double temperature = 1;
        double? clipEce = null, windowEce = null;
        if (fitTemperature)
        {
            var windowLogP = windowLogProbabilities.SelectMany(w => w).ToArray();
            temperature = TemperatureScaling.Fit(windowTruth, windowLogP);
            var tempered = windowLogProbabilities.Select(w => w.Select(row => TemperatureScaling.Apply(row, temperature)).ToArray()).ToArray();
            windowEce = ClassificationReport.Evaluate(data.Labels, windowTruth, tempered.SelectMany(w => w.Select(LabelledFeatures.Exp)).ToArray()).ExpectedCalibrationError;
            clipEce = ClassificationReport.Evaluate(data.Labels, truth, tempered.Select(w => LabelledFeatures.Aggregate(w, aggregation)).ToArray()).ExpectedCalibrationError;
        }

        return new TrainingReport
        {
            Temperature = temperature,
            CalibratedClipEce = clipEce,
            CalibratedWindowEce = windowEce,
            Kind = kind,
            Clips = ClassificationReport.Evaluate(data.Labels, truth, headline),
            Windows = ClassificationReport.Evaluate(data.Labels, windowTruth, windowP),
            DataSets = Enumerable.Range(0, clips.Count)
                .GroupBy(n => data.Clips[clips[n]].DataSetName, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => ClassificationReport.Evaluate(data.Labels, [.. g.Select(n => truth[n])], [.. g.Select(n => headline[n])]), StringComparer.Ordinal),
            FullClips = Subset(i => data.Features[i].Seconds >= TrainingReport.FullClipSeconds),
            Excerpts = Subset(i => data.Features[i].Seconds < TrainingReport.FullClipSeconds),
            ClipAccuracyMeanLogProbability = Accuracy(meanLog),
            ClipAccuracyMeanProbability = Accuracy(meanP),
            Aggregation = aggregation == ClipAggregation.MeanLogProbability ? "mean log-probability" : "mean probability",
        };
    }

    /// <summary>Clip figures of another version of the tested clips (resampled, say), overall ("all") and per data set.</summary>
    public static Dictionary<string, ClassificationReport> ClipFigures(LabelledFeatures data, IReadOnlyList<int> clips, IReadOnlyList<float[][]> windowLogProbabilities, ClipAggregation aggregation)
    {
        var kept = Enumerable.Range(0, clips.Count).Where(n => windowLogProbabilities[n].Length > 0).ToArray();
        var truth = kept.Select(n => data.LabelOf[clips[n]]).ToArray();
        var p = kept.Select(n => LabelledFeatures.Aggregate(windowLogProbabilities[n], aggregation)).ToArray();
        var figures = new Dictionary<string, ClassificationReport>(StringComparer.Ordinal) { ["all"] = ClassificationReport.Evaluate(data.Labels, truth, p) };
        foreach (var group in Enumerable.Range(0, kept.Length).GroupBy(m => data.Clips[clips[kept[m]]].DataSetName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            figures[group.Key] = ClassificationReport.Evaluate(data.Labels, [.. group.Select(m => truth[m])], [.. group.Select(m => p[m])]);
        }

        return figures;
    }
}
