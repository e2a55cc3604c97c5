using GenreStream.Streaming.Classification;

namespace GenreStream.Streaming.Smoothing;

/// <summary>A prediction together with the smoothed probabilities up to and including it.</summary>
/// <remarks>Ownership: every buffer is lent, valid only during the <c>OnNext</c> call.</remarks>
/// <param name="Raw">The window's own prediction.</param>
/// <param name="Smoothed">Smoothed probabilities, one per model label (sums to 1).</param>
public readonly record struct SmoothedPrediction(GenrePrediction Raw, ReadOnlyMemory<float> Smoothed);
