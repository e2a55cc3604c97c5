using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace GenreStream.Model.Training;

/// <summary>
/// Minimises a <see cref="LogisticObjective"/> with MathNet.Numerics' L-BFGS (memory 10, as scipy's), in the
/// preconditioned coordinates of a <see cref="CurvaturePreconditioner"/>.
/// </summary>
/// <remarks>
/// The stopping test is MathNet's relative criterion applied to the objective's own parameters θ (not to the
/// optimiser's coordinates, so the tolerance means what it meant without preconditioning):
/// max_i |g_i|·max(|θ_i|, 1) / max(|f|, 1) &lt; tolerance, or ||g||₂ &lt; tolerance. It is checked at every
/// evaluated point, and the first point meeting it ends the search. MathNet signals other endings by exceptions:
/// a failed line search (common once the objective is flat to rounding), a non-descent direction or the
/// iteration limit. Those are not training failures — every point it evaluated is a valid model — so the best
/// point evaluated is kept and the exception's message becomes the stop reason.
/// </remarks>
internal static class LbfgsMinimizer
{
    private const int Memory = 10;

    /// <param name="objective">What to minimise.</param>
    /// <param name="options">Tolerance and iteration limit.</param>
    /// <param name="coordinates">The optimiser's coordinates.</param>
    /// <param name="start">Where to start (θ: W then b), or empty for all zeros.</param>
    /// <param name="ct">Checked at every evaluation.</param>
    public static OptimizationOutcome Minimize(LogisticObjective objective, TrainingOptions options, CurvaturePreconditioner.Coordinates coordinates, ReadOnlySpan<double> start, CancellationToken ct)
    {
        var best = new double[objective.ParameterCount];
        var bestValue = double.PositiveInfinity;
        var bestMaxGradient = double.NaN;
        var evaluations = 0;
        var descents = 0;
        var theta = new double[objective.ParameterCount];
        var gradient = new double[objective.ParameterCount];

        var function = ObjectiveFunction.Gradient(point =>
        {
            ct.ThrowIfCancellationRequested();
            coordinates.ToObjective(point.AsArray() ?? point.ToArray(), theta);
            var value = objective.Evaluate(theta, gradient);
            evaluations++;
            if (value < bestValue)
            {
                bestValue = value;
                theta.CopyTo(best, 0);
                bestMaxGradient = MaxAbs(gradient);
                descents++;
            }

            if (Converged(theta, gradient, value, options.Tolerance))
            {
                theta.CopyTo(best, 0);
                (bestValue, bestMaxGradient) = (value, MaxAbs(gradient));
                throw new ToleranceReached();
            }

            // MathNet keeps earlier gradients for its updates, so each evaluation hands over a fresh vector.
            var mapped = new double[gradient.Length];
            coordinates.GradientToOptimizer(gradient, mapped);
            return (value, Vector<double>.Build.DenseOfArray(mapped));
        });

        // MathNet's gradient test judges the optimiser's coordinates: set far below reach so Converged decides.
        // (It also sets MathNet's first step, 100·tolerance/||g||², which its line search then doubles as needed.)
        var minimizer = new LimitedMemoryBfgsMinimizer(options.Tolerance * 1e-4, 1e-12, 1e-12, Memory, options.MaxIterations);
        var initial = new double[objective.ParameterCount];
        if (!start.IsEmpty)
        {
            coordinates.FromObjective(start, initial);
        }

        string reason;
        var iterations = 0;
        try
        {
            var result = minimizer.FindMinimum(function, Vector<double>.Build.DenseOfArray(initial));
            iterations = result.Iterations;
            reason = string.Create(CultureInfo.InvariantCulture, $"MathNet L-BFGS stopped after {result.Iterations} iterations");
        }
        catch (ToleranceReached)
        {
            iterations = descents;
            reason = string.Create(CultureInfo.InvariantCulture, $"MathNet L-BFGS converged at evaluation {evaluations}");
        }
        catch (OptimizationException e)
        {
            iterations = descents;
            reason = "MathNet L-BFGS stopped: " + e.Message + (e.InnerException is { } inner ? " " + inner.Message : string.Empty) + "; kept the best point evaluated";
        }

        return new OptimizationOutcome(best, bestValue, bestMaxGradient, iterations, evaluations, reason);
    }

    /// <summary>MathNet's convergence test (relative, or absolute on the norm) on the objective's parameters.</summary>
    private static bool Converged(ReadOnlySpan<double> theta, ReadOnlySpan<double> gradient, double value, double tolerance)
    {
        var relative = 0.0;
        var squares = 0.0;
        for (var i = 0; i < theta.Length; i++)
        {
            relative = Math.Max(relative, Math.Abs(gradient[i]) * Math.Max(Math.Abs(theta[i]), 1));
            squares += gradient[i] * gradient[i];
        }

        return relative / Math.Max(Math.Abs(value), 1) < tolerance || Math.Sqrt(squares) < tolerance;
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

    /// <summary>Ends MathNet's search from inside the objective once <see cref="Converged"/> holds.</summary>
    private sealed class ToleranceReached : Exception;
}
