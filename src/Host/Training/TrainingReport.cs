using System.Globalization;
using System.Text;
using GenreStream.Model.Evaluation;

namespace GenreStream.Host.Training;

/// <summary>
/// What training or evaluation measured: per clip (the headline), per full clip and per excerpt,
/// per 3-second texture window, and both ways of combining windows into a clip.
/// </summary>
internal sealed record TrainingReport
{
    /// <summary>Clips at least this long count as full clips; shorter ones are excerpts.</summary>
    public const double FullClipSeconds = 10;

    /// <summary>"cross-validation" (out-of-fold), "training set", or "evaluation".</summary>
    public required string Kind { get; init; }

    public required ClassificationReport Clips { get; init; }

    public required ClassificationReport Windows { get; init; }

    /// <summary>The clip figures of each data set (<see cref="LabelledClip.DataSetName"/>) on its own.</summary>
    public Dictionary<string, ClassificationReport>? DataSets { get; init; }

    /// <summary>The clip figures on every recording resampled to 44.1 kHz (as real files and live input arrive), overall ("all") and per data set; null when not measured.</summary>
    public Dictionary<string, ClassificationReport>? At44100Hz { get; init; }

    /// <summary>The "unknown" detector on out-of-fold music and on non-music (null when not measured).</summary>
    public UnknownFigures? Unknown { get; init; }

    public required SubsetFigures FullClips { get; init; }

    public required SubsetFigures Excerpts { get; init; }

    /// <summary>Clip accuracy when windows are combined by mean log-probability.</summary>
    public double ClipAccuracyMeanLogProbability { get; init; }

    /// <summary>Clip accuracy when windows are combined by mean probability.</summary>
    public double ClipAccuracyMeanProbability { get; init; }

    /// <summary>The clip aggregation the figures above use.</summary>
    public required string Aggregation { get; init; }

    /// <summary>Temperature fitted to these out-of-fold window predictions (1 when none was fitted).</summary>
    public double Temperature { get; init; } = 1;

    /// <summary>Expected calibration error of the clips after temperature scaling.</summary>
    public double? CalibratedClipEce { get; init; }

    /// <summary>Expected calibration error of the 3-s windows after temperature scaling.</summary>
    public double? CalibratedWindowEce { get; init; }

    /// <summary>Regularisation strength per cross-validation fold (or the one used).</summary>
    public Dictionary<string, double>? ChosenC { get; init; }

    /// <summary>Settings and data the report describes.</summary>
    public Dictionary<string, string>? Settings { get; init; }

    private static string Missed(string[] names) => names.Length == 0 ? string.Empty : "; missed: " + string.Join(", ", names);

    /// <summary>Clips per label among the misclassified full clips / excerpts, for a quick look.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"{Kind}: {Clips.Count} clips, {Windows.Count} windows ({Aggregation})");
        text.AppendLine(c, $"  balanced accuracy  {Clips.BalancedAccuracy,7:P1}   (mean of the per-genre recalls of the clips)");
        text.AppendLine(c, $"  clip accuracy      {Clips.Accuracy,7:P1}   macro-F1 {Clips.MacroF1:0.000}   log loss {Clips.LogLoss:0.000}   ECE {Clips.ExpectedCalibrationError:0.000}");
        foreach (var (name, figures) in DataSets ?? [])
        {
            var recalls = string.Join(" ", figures.Classes.Where(k => k.Support > 0).Select(k => string.Create(c, $"{k.Label} {k.Recall:P0}")));
            text.AppendLine(c, $"  {name,-18} {figures.Accuracy,7:P1}   balanced {figures.BalancedAccuracy:P1}   {figures.Count} clips: {recalls}");
        }

        text.AppendLine(c, $"  full clips (>= {FullClipSeconds:0} s) {FullClips.Percent,7}   ({FullClips.Count} clips)");
        text.AppendLine(c, $"  excerpts  (< {FullClipSeconds:0} s)  {Excerpts.Percent,7}   ({Excerpts.Count} clips)");
        text.AppendLine(c, $"  3-s windows        {Windows.Accuracy,7:P1}   macro-F1 {Windows.MacroF1:0.000}   log loss {Windows.LogLoss:0.000}   ECE {Windows.ExpectedCalibrationError:0.000}");
        text.AppendLine(c, $"  clips by mean log-probability {ClipAccuracyMeanLogProbability:P1}, by mean probability {ClipAccuracyMeanProbability:P1}");
        if (CalibratedClipEce is { } clipEce && CalibratedWindowEce is { } windowEce)
        {
            text.AppendLine(c, $"  temperature {Temperature:0.00}: ECE clips {clipEce:0.000}, windows {windowEce:0.000} (fitted on these out-of-fold windows)");
        }

        foreach (var (name, figures) in At44100Hz ?? [])
        {
            text.AppendLine(c, $"  at 44.1 kHz: {name,-8} {figures.Accuracy,7:P1}   balanced {figures.BalancedAccuracy:P1}   {figures.Count} clips");
        }

        if (Unknown is { } unknown)
        {
            var rejector = unknown.RejectorThreshold is { } r ? string.Create(c, $", rejector {r:0.000}") : string.Empty;
            text.AppendLine(c, $"  unknown: thresholds density {unknown.Threshold:0.000}{rejector}; music called unknown: {unknown.MusicClips:P1} of clips ({string.Join(", ", unknown.MusicClipsByDataSet.Select(kv => string.Create(c, $"{kv.Key} {kv.Value:P1}")))}), {unknown.MusicWindows:P1} of windows");
            if (unknown.SynthesisedUnknown is { } synthesised)
            {
                text.AppendLine(c, $"  synthesised non-music called unknown out of fold: {synthesised:P1} of {unknown.SynthesisedClips} files{Missed(unknown.SynthesisedMissed)}");
            }

            if (unknown.CheckedUnknown is { } caught)
            {
                text.AppendLine(c, $"  checked non-music called unknown: {caught:P1} of {unknown.CheckedClips} files{Missed(unknown.CheckedMissed)}");
            }
        }

        if (ChosenC is { Count: > 0 })
        {
            text.AppendLine("  C: " + string.Join(", ", ChosenC.Select(kv => string.Create(c, $"{kv.Key}={kv.Value:G3}"))));
        }

        text.AppendLine();
        text.Append(Clips.ToTable());
        return text.ToString();
    }
}

/// <summary>Accuracy over a subset of clips (null when the subset is empty).</summary>
internal sealed record SubsetFigures(int Count, double? Accuracy)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public string Percent => Accuracy is { } a ? a.ToString("P1", CultureInfo.InvariantCulture) : "-";
}
