using System.Runtime.InteropServices;
using System.Text.Json;

namespace GenreStream.TestSupport;

/// <summary>A scikit-learn <c>LogisticRegression</c> fit by <c>Reference/logistic.py</c>.</summary>
/// <param name="Objective">Σ cross-entropy + ||W||²/(2C) of sklearn's solution, computed in Python.</param>
/// <param name="Predictions">sklearn's predicted class per row.</param>
/// <param name="Weights">Row-major K × d coefficients.</param>
/// <param name="Biases">K intercepts.</param>
public sealed record SklearnFit(double Objective, int[] Predictions, float[] Weights, float[] Biases);

/// <summary>Runs scikit-learn's logistic regression on a standardised matrix (see <see cref="Requires.Sklearn"/>).</summary>
public static class SklearnReference
{
    /// <summary>Null when /usr/bin/python3 imports numpy, scipy and scikit-learn, else why not.</summary>
    public static string? WhyUnavailable { get; } = PythonReference.WhyUnavailable ?? Probe();

    /// <summary>Fits <c>LogisticRegression(multi_class=multinomial|ovr, solver='lbfgs', C, max_iter=10000, tol=1e-10)</c>.</summary>
    /// <param name="standardised">Row-major n × d standardised features.</param>
    public static SklearnFit Fit(double[] standardised, int[] labels, int featureCount, double c, bool oneVsRest)
    {
        using var directory = new TempDirectory();
        var x = directory.Write("x.f64", MemoryMarshal.AsBytes(standardised.AsSpan()).ToArray());
        var y = directory.Write("y.i32", MemoryMarshal.AsBytes(labels.AsSpan()).ToArray());
        var stdout = PythonReference.Run(
            PythonReference.Script("logistic.py"),
            x,
            y,
            labels.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            featureCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            c.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            oneVsRest ? "ovr" : "multinomial");
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        var weights = root.GetProperty("coef").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => (float)v.GetDouble()).ToArray();
        return new SklearnFit(
            root.GetProperty("objective").GetDouble(),
            root.GetProperty("predictions").EnumerateArray().Select(v => v.GetInt32()).ToArray(),
            weights,
            root.GetProperty("intercept").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray());
    }

    private static string? Probe()
    {
        try
        {
            PythonReference.Run("-c", "import sklearn, scipy.special");
            return null;
        }
        catch (InvalidOperationException e)
        {
            return $"scikit-learn missing for {PythonReference.Interpreter} (apt-get install python3-sklearn): {e.Message.Trim()}";
        }
    }
}
