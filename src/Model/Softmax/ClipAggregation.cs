namespace GenreStream.Model.Softmax;

/// <summary>How the predictions of a clip's texture windows combine into one clip prediction.</summary>
public enum ClipAggregation
{
    /// <summary>Average of log-probabilities, renormalised (a geometric mean: confident windows weigh more).</summary>
    MeanLogProbability,

    /// <summary>Arithmetic mean of probabilities.</summary>
    MeanProbability,
}
