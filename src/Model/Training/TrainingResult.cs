using GenreStream.Model.Softmax;

namespace GenreStream.Model.Training;

/// <summary>A trained model with what the optimizer reported.</summary>
/// <param name="Model">The trained model.</param>
/// <param name="Objective">The regularised objective (summed over rows) at the model's parameters.</param>
/// <param name="MaxGradient">Largest absolute component of the objective's gradient there.</param>
/// <param name="Iterations">L-BFGS iterations, or mini-batch steps.</param>
/// <param name="Evaluations">Full objective evaluations (L-BFGS), or epochs (mini-batch).</param>
/// <param name="StopReason">Why the optimizer stopped, for people.</param>
/// <param name="Elapsed">Wall time of standardisation and optimisation.</param>
public sealed record TrainingResult(SoftmaxModel Model, double Objective, double MaxGradient, int Iterations, int Evaluations, string StopReason, TimeSpan Elapsed);
