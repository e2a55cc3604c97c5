using GenreStream.Model.Features;
using GenreStream.TestSupport;
using GenreStream.Model.Training;

namespace GenreStream.Model.Tests.Training;

/// <summary>
/// Reproducible classification problems: Gaussian classes that overlap, with correlated features and
/// features on very different scales and offsets (so standardisation matters).
/// </summary>
internal static class SyntheticProblem
{
    /// <summary>A spec whose vector length is <paramref name="featureCount"/> (the whole-clip FFT kind).</summary>
    public static FeatureSpec Spec(int featureCount) => FeatureSpec.Fft1000 with { FftBins = featureCount };

    /// <param name="separation">Spread of the class means relative to the unit within-class noise.</param>
    public static TrainingSet Create(int rows, int featureCount, int classes, int seed, double separation = 0.35)
    {
        var random = new Random(seed);
        var means = new double[classes, featureCount];
        for (var k = 0; k < classes; k++)
        {
            for (var j = 0; j < featureCount; j++)
            {
                means[k, j] = separation * Gaussian(random);
            }
        }

        var x = new float[rows * featureCount];
        var labels = new int[rows];
        var latent = new double[featureCount];
        for (var i = 0; i < rows; i++)
        {
            var y = i % classes; // every class present, balanced
            labels[i] = y;
            for (var j = 0; j < featureCount; j++)
            {
                latent[j] = means[y, j] + Gaussian(random);
            }

            for (var j = 0; j < featureCount; j++)
            {
                // The upper half mixes in the lower half (correlated features); scales span 1e-2..1e2.
                var value = j >= featureCount / 2 ? (0.8 * latent[j - (featureCount / 2)]) + (0.6 * latent[j]) : latent[j];
                var scale = Math.Pow(10, (j % 5) - 2);
                x[(i * featureCount) + j] = (float)((value * scale) + (j % 7) - 3);
            }
        }

        return new TrainingSet(x, featureCount, labels, TestModels.Genres[..classes]);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
