namespace GenreStream.Streaming.Classification;

/// <summary>The model's verdict on one texture window.</summary>
/// <remarks>Ownership: <see cref="Probabilities"/> and <see cref="LogProbabilities"/> are lent, valid only during <c>OnNext</c>.</remarks>
/// <param name="Index">Classification step since the stream began.</param>
/// <param name="StartSeconds">Start of the window in seconds of audio.</param>
/// <param name="DurationSeconds">Audio the window covers, in seconds.</param>
/// <param name="Probabilities">One probability per model label (sums to 1).</param>
/// <param name="LogProbabilities">Natural logarithms of <paramref name="Probabilities"/>, computed stably.</param>
/// <param name="LevelDecibels">RMS level of the window in dBFS.</param>
/// <param name="Novelty">How unlike the training music the window is (<see cref="GenreStream.Model.Novelty.NoveltyDetector.Score"/>); NaN when the model has no detector.</param>
/// <param name="IsUnknown">Whether the window is beyond the model's novelty threshold: not one of its genres, or not music.</param>
public readonly record struct GenrePrediction(
    long Index,
    double StartSeconds,
    double DurationSeconds,
    ReadOnlyMemory<float> Probabilities,
    ReadOnlyMemory<float> LogProbabilities,
    float LevelDecibels,
    float Novelty = float.NaN,
    bool IsUnknown = false);
