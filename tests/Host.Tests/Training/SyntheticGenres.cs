using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Training;

/// <summary>
/// A tiny labelled data set made up here: three "genres" any spectral model can tell apart
/// (low tones, bright noise, a mid tone with clicks), a few clips each, as WAV files in genre folders.
/// </summary>
internal static class SyntheticGenres
{
    public static readonly string[] Labels = ["bright", "clicky", "low"];

    public static float[] Clip(string genre, int index, double seconds = 4, int rate = 22050)
    {
        var random = new Random((genre.GetHashCode(StringComparison.Ordinal) * 31) + index);
        var n = (int)(seconds * rate);
        var x = new float[n];
        var f = 80 + (random.NextDouble() * 60);
        for (var i = 0; i < n; i++)
        {
            var t = (double)i / rate;
            x[i] = genre switch
            {
                "low" => (float)(0.4 * Math.Sin(2 * Math.PI * f * t) + (0.01 * ((random.NextDouble() * 2) - 1))),
                "bright" => (float)(0.3 * ((random.NextDouble() * 2) - 1)),
                _ => (float)((0.2 * Math.Sin(2 * Math.PI * (600 + f) * t)) + (i % (rate / 4) < 40 ? 0.8 : 0)),
            };
        }

        return x;
    }

    /// <summary>Writes <paramref name="perGenre"/> clips per genre under <paramref name="root"/>/&lt;genre&gt;/, numbered from <paramref name="firstIndex"/> (other numbers, other recordings).</summary>
    public static void WriteFolder(string root, int perGenre, int firstIndex = 0)
    {
        foreach (var genre in Labels)
        {
            Directory.CreateDirectory(Path.Combine(root, genre));
            for (var i = firstIndex; i < firstIndex + perGenre; i++)
            {
                var bytes = new WavFileBuilder { SampleRate = 22050, Channels = 1, SampleType = PcmSampleType.Pcm16 }.Build(Clip(genre, i, 2 + (i % 3)));
                File.WriteAllBytes(Path.Combine(root, genre, $"{genre}.{i:00}.wav"), bytes);
            }
        }
    }
}
