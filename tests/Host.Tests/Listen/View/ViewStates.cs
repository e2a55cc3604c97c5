using GenreStream.Host.Listen.View;
using GenreStream.Host.Live;
using GenreStream.Streaming.Sources;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Listen.View;

/// <summary>View states built from the same events <c>LiveSession</c> sends.</summary>
internal static class ViewStates
{
    /// <summary>Smoothed probabilities with <paramref name="top"/> leading and the rest falling off in the model's order.</summary>
    public static float[] Probabilities(string top, float confidence)
    {
        var p = new float[TestModels.Genres.Length];
        var rest = (1 - confidence) / (p.Length - 1);
        for (var k = 0; k < p.Length; k++)
        {
            // Distinct values rising with k, so among the rest the sorted order is the reverse of the fixed one.
            p[k] = TestModels.Genres[k] == top ? confidence : rest * (0.5f + (k / (float)p.Length));
        }

        return p;
    }

    /// <summary>A source that started, then one window of <paramref name="genre"/> (also the current genre).</summary>
    public static ViewState Playing(string genre, float confidence = 0.78f, bool silent = false, double level = -20) =>
        ViewState.Waiting("file:song.wav", TestModels.Genres)
            .With(new SourceChanged(0, SourceState.Started, "file song.wav (real-time pace)"))
            .With(Update(genre, confidence, silent, level));

    public static GenreUpdate Update(string genre, float confidence, bool silent = false, double level = -20, double time = 12.0)
    {
        var p = Probabilities(genre, confidence);
        return new GenreUpdate(time, TestModels.Genres, genre, confidence, genre, confidence, silent, p, p, level);
    }
}
