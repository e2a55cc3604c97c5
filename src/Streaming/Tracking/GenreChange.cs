namespace GenreStream.Streaming.Tracking;

/// <summary>The current genre changed.</summary>
/// <param name="From">Label index of the genre before, or -1 at the first genre of a stream.</param>
/// <param name="To">Label index of the new current genre.</param>
/// <param name="TimeSeconds">Audio time of the change (the end of the window that decided it).</param>
/// <param name="Confidence">The new genre's smoothed probability.</param>
public readonly record struct GenreChange(int From, int To, double TimeSeconds, float Confidence);
