namespace GenreStream.Streaming.Smoothing;

/// <summary>Smooths a stream of probability vectors over time. Implementations preallocate and never allocate per update.</summary>
public interface IProbabilitySmoother
{
    /// <summary>The current smoothed vector.</summary>
    ReadOnlySpan<float> Current { get; }

    /// <summary>Forgets the past: the next update starts afresh.</summary>
    void Reset();

    /// <summary>Folds in <paramref name="values"/> observed at <paramref name="timeSeconds"/>; returns the new smoothed vector.</summary>
    ReadOnlySpan<float> Update(ReadOnlySpan<float> values, double timeSeconds);
}
