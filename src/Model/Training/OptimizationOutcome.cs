namespace GenreStream.Model.Training;

/// <summary>Where an optimizer stopped: the parameters (W then b), their objective and why it stopped.</summary>
internal sealed record OptimizationOutcome(double[] Parameters, double Objective, double MaxGradient, int Iterations, int Evaluations, string StopReason);
