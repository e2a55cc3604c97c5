using GenreStream.Model.Features;
using GenreStream.Model.Softmax;

namespace GenreStream.TestSupport;

/// <summary>Small models with known parameters for pipeline tests (the trained model is tested elsewhere).</summary>
public static class TestModels
{
    /// <summary>The ten GTZAN genres, in the project's order.</summary>
    public static readonly string[] Genres = ["blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock"];

    /// <summary>A model for <paramref name="spec"/> with reproducible random weights.</summary>
    public static SoftmaxModel Random(FeatureSpec? spec = null, int seed = 7, string[]? labels = null)
    {
        spec ??= FeatureSpec.Default;
        labels ??= Genres;
        var d = spec.VectorLength;
        var random = new Random(seed);
        var mean = new float[d];
        var std = new float[d];
        for (var i = 0; i < d; i++)
        {
            mean[i] = (float)(random.NextDouble() * 10);
            std[i] = (float)(1 + (random.NextDouble() * 20));
        }

        var weights = new float[labels.Length * d];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)((random.NextDouble() - 0.5) * 0.2);
        }

        var biases = labels.Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        return new SoftmaxModel(labels, spec, mean, std, weights, biases);
    }

    /// <summary>Writes <see cref="Random"/> to a temporary file and returns its path.</summary>
    public static string RandomFile(FeatureSpec? spec = null, int seed = 7)
    {
        var path = Path.Combine(Path.GetTempPath(), $"genre-test-model-{Guid.NewGuid():N}.json");
        ModelFile.Save(Random(spec, seed), path);
        return path;
    }
}
