using GenreStream.Model.Softmax;

namespace GenreStream.Model.Tests.Softmax;

public class BundledModelTests
{
    [Fact]
    public void The_embedded_model_is_the_one_in_config_and_no_path_means_it()
    {
        var file = ModelFile.Load(Path.Combine(AppContext.BaseDirectory, "config", "genre-model.json"));
        var bundled = BundledModel.Model;

        Assert.Equal(file.Labels, bundled.Labels);
        Assert.Equal(file.Spec.Fingerprint, bundled.Spec.Fingerprint);
        var window = Enumerable.Range(0, file.FeatureCount).Select(i => MathF.Sin(i * 0.37f)).ToArray();
        var (expected, actual) = (new float[file.ClassCount], new float[file.ClassCount]);
        file.PredictLogProbabilities(window, expected, new float[file.FeatureCount]);
        bundled.PredictLogProbabilities(window, actual, new float[file.FeatureCount]);
        Assert.Equal(expected, actual);
        Assert.Same(bundled, BundledModel.Open(null));
        Assert.Same(bundled, BundledModel.Open(string.Empty));
    }
}
