namespace GenreStream.Model.Evaluation;

/// <summary>One class's figures in a <see cref="ClassificationReport"/>.</summary>
public sealed record ClassFigures
{
    public required string Label { get; init; }

    /// <summary>Of the rows predicted as this class, the fraction that are (0 when none are predicted).</summary>
    public double Precision { get; init; }

    /// <summary>Of the rows of this class, the fraction predicted as it (0 when it has none).</summary>
    public double Recall { get; init; }

    /// <summary>Harmonic mean of precision and recall (0 when both are 0).</summary>
    public double F1 { get; init; }

    /// <summary>Rows whose true class this is.</summary>
    public int Support { get; init; }
}
