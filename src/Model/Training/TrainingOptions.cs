using System.Globalization;
using GenreStream.Model.Softmax;

namespace GenreStream.Model.Training;

/// <summary>Immutable settings of one training run; <see cref="Validate"/> lists every problem.</summary>
public sealed record TrainingOptions
{
    /// <summary>Inverse L2 strength, as scikit-learn's C: the penalty is ||W||² / (2C), biases unpenalised.</summary>
    public double C { get; init; } = 1.0;

    public Optimizer Optimizer { get; init; } = Optimizer.Lbfgs;

    public ModelKind Kind { get; init; } = ModelKind.Multinomial;

    /// <summary>L-BFGS iteration limit.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>
    /// L-BFGS gradient tolerance, in MathNet's relative form: it stops when max_i |g_i|·max(|θ_i|, 1) / max(|f|, 1)
    /// falls below this (or ||g||₂ does), f being the objective summed over rows.
    /// </summary>
    public double Tolerance { get; init; } = 1e-5;

    /// <summary>Mini-batch gradient descent: rows per step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Mini-batch gradient descent: initial step size on the per-row mean objective (decays as 1/√epoch).</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Mini-batch gradient descent: passes over the data.</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>Seed of the mini-batch shuffles.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Clip aggregation stored in the trained model.</summary>
    public ClipAggregation Aggregation { get; init; } = ClipAggregation.MeanLogProbability;

    /// <summary>Every problem with these options, in one list (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(C > 0) || !double.IsFinite(C))
        {
            errors.Add(Invariant($"C {C} must be positive and finite"));
        }

        if (!Enum.IsDefined(Optimizer))
        {
            errors.Add(Invariant($"unknown optimizer {(int)Optimizer}"));
        }

        if (!Enum.IsDefined(Kind))
        {
            errors.Add(Invariant($"unknown model kind {(int)Kind}"));
        }

        if (MaxIterations < 1)
        {
            errors.Add(Invariant($"MaxIterations {MaxIterations} must be at least 1"));
        }

        if (!(Tolerance > 0) || !double.IsFinite(Tolerance))
        {
            errors.Add(Invariant($"Tolerance {Tolerance} must be positive and finite"));
        }

        if (BatchSize < 1)
        {
            errors.Add(Invariant($"BatchSize {BatchSize} must be at least 1"));
        }

        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
        {
            errors.Add(Invariant($"LearningRate {LearningRate} must be positive and finite"));
        }

        if (Epochs < 1)
        {
            errors.Add(Invariant($"Epochs {Epochs} must be at least 1"));
        }

        if (!Enum.IsDefined(Aggregation))
        {
            errors.Add(Invariant($"unknown clip aggregation {(int)Aggregation}"));
        }

        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem at once.</summary>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid training options: " + string.Join("; ", errors));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
