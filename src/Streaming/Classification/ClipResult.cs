namespace GenreStream.Streaming.Classification;

/// <summary>The classification of a whole clip.</summary>
/// <param name="Labels">The model's labels, in the order of <paramref name="Probabilities"/>.</param>
/// <param name="Probabilities">Clip probabilities (sum to 1), combined from every window.</param>
/// <param name="Windows">Texture windows used.</param>
/// <param name="Timeline">What a listener sees at each classification step (empty unless asked for).</param>
/// <param name="DurationSeconds">Audio seen, in seconds at the model's rate.</param>
/// <param name="Status">Music (the genre is meaningful), unknown (not one of the genres, or not music) or silence.</param>
/// <param name="Novelty">The median novelty score of the windows (NaN when the model has no detector).</param>
public sealed record ClipResult(
    IReadOnlyList<string> Labels,
    float[] Probabilities,
    int Windows,
    IReadOnlyList<TimelineEntry> Timeline,
    double DurationSeconds,
    Tracking.TrackStatus Status = Tracking.TrackStatus.Music,
    float Novelty = float.NaN)
{
    /// <summary>Index of the most probable label.</summary>
    public int TopIndex => Model.Softmax.Probabilities.ArgMax(Probabilities);

    /// <summary>The most probable label.</summary>
    public string TopLabel => Labels[TopIndex];
}

/// <summary>One classification step as <see cref="Tracking.GenreTracker"/> decided it.</summary>
/// <param name="StartSeconds">Start of the step's window in seconds of audio.</param>
/// <param name="Smoothed">Smoothed probabilities (a copy, owned by the entry).</param>
/// <param name="Current">Label index of the current genre after the step, or -1 before the first music.</param>
/// <param name="Status">Music, unknown audio or silence.</param>
public sealed record TimelineEntry(double StartSeconds, float[] Smoothed, int Current = -1, Tracking.TrackStatus Status = Tracking.TrackStatus.Music);
