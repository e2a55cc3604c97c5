using System.Numerics.Tensors;

namespace GenreStream.Model.Training;

/// <summary>
/// Plain mini-batch gradient descent on the per-row mean of the objective, f(θ)/n.
/// </summary>
/// <remarks>
/// Each epoch shuffles the rows (seeded) and steps through batches of <see cref="TrainingOptions.BatchSize"/>:
/// the batch estimate of f/n is (1/|B|)·(Σ_{i∈B} loss_i + (|B|/n)·||W||²/(2C)), and
/// θ ← θ − η_e·∇ with η_e = <see cref="TrainingOptions.LearningRate"/>/√e in epoch e (1-based).
/// The model returned is the average of the iterates of the last epoch, which removes most of the
/// step noise a final iterate carries (Polyak–Ruppert averaging over one pass).
/// </remarks>
internal static class MiniBatchDescent
{
    public static OptimizationOutcome Minimize(LogisticObjective objective, TrainingOptions options, CancellationToken ct)
    {
        var n = objective.RowCount;
        var theta = new double[objective.ParameterCount];
        var average = new double[objective.ParameterCount];
        var gradient = new double[objective.ParameterCount];
        var scratch = new double[objective.ClassCount];
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(options.Seed);
        var steps = 0;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            ct.ThrowIfCancellationRequested();
            random.Shuffle(order);
            var eta = options.LearningRate / Math.Sqrt(epoch);
            var last = epoch == options.Epochs;
            var averaged = 0;
            for (var start = 0; start < n; start += options.BatchSize)
            {
                var rows = order.AsSpan(start, Math.Min(options.BatchSize, n - start));
                gradient.AsSpan().Clear();
                objective.AccumulateRows(rows, theta, gradient, scratch);
                objective.AddPenalty(theta, gradient, rows.Length / (double)n);
                TensorPrimitives.MultiplyAdd(gradient, -eta / rows.Length, theta, theta);
                steps++;
                if (last)
                {
                    TensorPrimitives.Add(average, theta, average);
                    averaged++;
                }
            }

            if (last)
            {
                TensorPrimitives.Multiply(average, 1.0 / averaged, theta);
            }
        }

        var value = objective.Evaluate(theta, gradient);
        return new OptimizationOutcome(theta, value, Math.Abs(TensorPrimitives.MaxMagnitude<double>(gradient)), steps, options.Epochs, "ran every epoch");
    }
}
