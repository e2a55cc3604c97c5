using System.Globalization;
using System.Text;

namespace GenreStream.Model.Evaluation;

/// <summary>Renders a <see cref="ClassificationReport"/> as aligned text no wider than <see cref="MaxWidth"/>.</summary>
internal static class ReportTable
{
    public const int MaxWidth = 100;

    public static string Render(ClassificationReport report)
    {
        var k = report.Labels.Length;
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{report.Count} rows: accuracy {report.Accuracy:P2}, macro-F1 {report.MacroF1:F4}, log loss {report.LogLoss:F4}, ECE {report.ExpectedCalibrationError:F4}"));
        text.AppendLine();

        // Confusion matrix: row names truncated so that all columns fit; columns are numbered and keyed below.
        var cell = Math.Max(report.Confusion.SelectMany(r => r).Max().ToString(CultureInfo.InvariantCulture).Length, (k - 1).ToString(CultureInfo.InvariantCulture).Length) + 1;
        var nameWidth = Math.Clamp(MaxWidth - (k * cell) - 2, 4, Math.Max(4, report.Labels.Max(l => l.Length)));
        text.Append("truth \\ predicted".PadRight(nameWidth + 2)[..(nameWidth + 2)]);
        for (var c = 0; c < k; c++)
        {
            text.Append(c.ToString(CultureInfo.InvariantCulture).PadLeft(cell));
        }

        text.AppendLine();
        for (var t = 0; t < k; t++)
        {
            text.Append(Fit(Invariant($"{t} {report.Labels[t]}"), nameWidth + 2));
            foreach (var count in report.Confusion[t])
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture).PadLeft(cell));
            }

            text.AppendLine();
        }

        text.AppendLine();
        var labelWidth = Math.Min(MaxWidth - 44, Math.Max(5, report.Labels.Max(l => l.Length)));
        text.AppendLine(Invariant($"{"class".PadRight(labelWidth)}  {"precision",10}{"recall",10}{"f1",10}{"support",10}"));
        foreach (var c in report.Classes)
        {
            text.AppendLine(Invariant($"{Fit(c.Label, labelWidth)}  {c.Precision,10:F4}{c.Recall,10:F4}{c.F1,10:F4}{c.Support,10}"));
        }

        return text.ToString();
    }

    private static string Fit(string text, int width) => text.Length > width ? text[..width] : text.PadRight(width);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
