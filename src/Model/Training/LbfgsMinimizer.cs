using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace GenreStream.Model.Training;

/// <summary>
/// Minimises a <see cref="LogisticObjective"/> with MathNet.Numerics' L-BFGS (memory 10, as scipy's).
/// </summary>
/// <remarks>
/// MathNet stops on its own relative criterion, max_i |g_i|·max(|θ_i|, 1) / max(|f|, 1) &lt; tolerance, or on
/// ||g||₂ &lt; tolerance, and signals other endings by exceptions: a failed line search (common once the
/// objective is flat to rounding), a non-descent direction or the iteration limit. Those are not training
/// failures — every point it evaluated is a valid model — so the best point evaluated is kept and the
/// exception's message becomes the stop reason.
/// </remarks>
internal static class LbfgsMinimizer
{
    private const int Memory = 10;

    public static OptimizationOutcome Minimize(LogisticObjective objective, TrainingOptions options, CancellationToken ct)
    {
        var best = new double[objective.ParameterCount];
        var bestValue = double.PositiveInfinity;
        var bestMaxGradient = double.NaN;
        var evaluations = 0;
        var gradient = new double[objective.ParameterCount];

        var function = ObjectiveFunction.Gradient(point =>
        {
            ct.ThrowIfCancellationRequested();
            var parameters = point.AsArray() ?? point.ToArray();
            var value = objective.Evaluate(parameters, gradient);
            evaluations++;
            if (value < bestValue)
            {
                bestValue = value;
                parameters.CopyTo(best, 0);
                bestMaxGradient = MaxAbs(gradient);
            }

            // MathNet keeps earlier gradients for its updates, so each evaluation hands over a fresh vector.
            return (value, Vector<double>.Build.DenseOfArray((double[])gradient.Clone()));
        });

        var minimizer = new LimitedMemoryBfgsMinimizer(options.Tolerance, 1e-12, 1e-12, Memory, options.MaxIterations);
        string reason;
        var iterations = 0;
        try
        {
            var result = minimizer.FindMinimum(function, Vector<double>.Build.Dense(objective.ParameterCount));
            iterations = result.Iterations;
            // MathNet 5.0 reports every normal exit as AbsoluteGradient, so its ExitCondition is not repeated here.
            reason = string.Create(CultureInfo.InvariantCulture, $"MathNet L-BFGS converged after {result.Iterations} iterations");
        }
        catch (OptimizationException e)
        {
            reason = "MathNet L-BFGS stopped: " + e.Message + (e.InnerException is { } inner ? " " + inner.Message : string.Empty) + "; kept the best point evaluated";
        }

        return new OptimizationOutcome(best, bestValue, bestMaxGradient, iterations, evaluations, reason);
    }

    private static double MaxAbs(ReadOnlySpan<double> values)
    {
        var max = 0.0;
        foreach (var v in values)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        return max;
    }
}
