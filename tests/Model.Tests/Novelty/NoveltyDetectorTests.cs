using GenreStream.Model.Novelty;
using GenreStream.Model.Softmax;
using GenreStream.TestSupport;

namespace GenreStream.Model.Tests.Novelty;

public class NoveltyDetectorTests
{
    private const int Features = 12;

    /// <summary>Rows on a 3-dimensional subspace with small noise: the shape of correlated audio features.</summary>
    private static float[] Typical(int count, int seed)
    {
        var random = new Random(seed);
        var mixing = Enumerable.Range(0, 3 * Features).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var rows = new float[count * Features];
        for (var n = 0; n < count; n++)
        {
            var latent = new[] { Gaussian(random), Gaussian(random), Gaussian(random) };
            for (var j = 0; j < Features; j++)
            {
                rows[(n * Features) + j] = 5 + (latent[0] * mixing[j]) + (latent[1] * mixing[Features + j]) + (latent[2] * mixing[(2 * Features) + j]) + (0.05f * Gaussian(random));
            }
        }

        return rows;
    }

    private static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    [Fact]
    public void Rows_off_the_training_subspace_score_far_higher_than_rows_on_it()
    {
        var detector = NoveltyDetector.Fit(Typical(2000, 1), 2000, Features, 3);
        var scratch = new float[Features];
        var held = Typical(200, 1)[..(200 * Features)];
        var typical = Enumerable.Range(0, 200).Select(n => detector.Score(held.AsSpan(n * Features, Features), scratch)).ToArray();

        // Each feature near its mean on its own, but the combination breaks the correlations of the training rows.
        var random = new Random(5);
        var odd = Enumerable.Range(0, 50).Select(_ =>
        {
            var row = Enumerable.Range(0, Features).Select(_ => 5 + Gaussian(random)).ToArray();
            return detector.Score(row, scratch);
        }).ToArray();

        Assert.True(typical.Order().ElementAt(190) < odd.Min(), $"95th percentile of typical rows {typical.Order().ElementAt(190)}, lowest odd row {odd.Min()}");
        Assert.InRange(typical.Average(), -1, 1);
    }

    [Fact]
    public void The_threshold_decides_what_is_novel_and_an_absurd_row_is_novel_not_infinite()
    {
        var detector = NoveltyDetector.Fit(Typical(500, 2), 500, Features, 3).WithThreshold(1f);
        Assert.False(detector.IsNovel(0.5f));
        Assert.True(detector.IsNovel(1.5f));
        Assert.True(detector.IsNovel(float.NaN));
        var score = detector.Score(Enumerable.Repeat(1e30f, Features).ToArray(), new float[Features]);
        Assert.True(float.IsFinite(score) && detector.IsNovel(score));
    }

    [Fact]
    public void A_model_file_keeps_the_detector_exactly()
    {
        var spec = Model.Features.FeatureSpec.Statistics;
        var d = spec.VectorLength;
        var random = new Random(3);
        var rows = Enumerable.Range(0, 300 * d).Select(_ => (float)random.NextDouble()).ToArray();
        var detector = NoveltyDetector.Fit(rows, 300, d, 8, threshold: 0.25f);
        var model = TestModels.Random(spec).WithNovelty(detector);

        var loaded = ModelFile.Parse(ModelFile.Serialize(model));

        Assert.NotNull(loaded.Novelty);
        Assert.Equal(0.25f, loaded.Novelty!.Threshold);
        var row = rows.AsSpan(7 * d, d).ToArray();
        Assert.Equal(detector.Score(row, new float[d]), loaded.Novelty.Score(row, new float[d]));
    }

    [Fact]
    public void Wrong_shapes_and_values_are_refused_with_every_problem()
    {
        var e = Assert.Throws<ArgumentException>(() => new NoveltyDetector(new float[4], new float[3], new float[8], [1f, 0f], 0f, float.NaN));
        Assert.Contains("shapes", e.Message, StringComparison.Ordinal);
        Assert.Contains("finite", e.Message, StringComparison.Ordinal);
        Assert.Contains("positive", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scoring_allocates_nothing_once_warm()
    {
        var detector = NoveltyDetector.Fit(Typical(300, 4), 300, Features, 3);
        var row = Typical(1, 9);
        var scratch = new float[Features];
        detector.Score(row, scratch);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            detector.Score(row, scratch);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
