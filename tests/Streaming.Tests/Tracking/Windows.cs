using GenreStream.Streaming.Classification;

namespace GenreStream.Streaming.Tests.Tracking;

/// <summary>Builds predictions by hand for the smoothing and tracking tests.</summary>
internal static class Windows
{
    /// <summary>A 3 s window starting at <paramref name="start"/> with the given probabilities (normalised) and level.</summary>
    public static GenrePrediction At(double start, float[] probabilities, float levelDecibels = -20, long index = 0)
    {
        var sum = probabilities.Sum();
        var p = probabilities.Select(v => v / sum).ToArray();
        return new GenrePrediction(index, start, 3.0, p, p.Select(v => MathF.Log(v)).ToArray(), levelDecibels);
    }

    /// <summary>A two-genre window: genre 0 with probability <paramref name="first"/>, genre 1 with the rest.</summary>
    public static GenrePrediction Two(double start, float first, float levelDecibels = -20) =>
        At(start, [first, 1 - first], levelDecibels);
}
