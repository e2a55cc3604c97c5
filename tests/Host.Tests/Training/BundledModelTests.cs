using System.Globalization;
using System.Text.Json;
using GenreStream.Host.Tests.Cli;
using GenreStream.Model.Features;
using GenreStream.Model.Softmax;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Training;

/// <summary>The model shipped in config/: right features, and its recorded figures are what training reproduces.</summary>
public sealed class BundledModelTests : IDisposable
{
    private static readonly string ModelPath = Path.Combine(AppContext.BaseDirectory, "config", "genre-model.json");
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GenreStream.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void Is_a_ten_genre_model_for_the_features_this_build_computes()
    {
        var model = ModelFile.Load(ModelPath, FeatureSpec.Default);
        Assert.Equal(TestModels.Genres, model.Labels);
        Assert.Equal(FeatureSpec.Default.Fingerprint, model.Spec.Fingerprint);
        Assert.True(model.Temperature > 0);
    }

    [SkippableFact]
    public void Cross_validation_reproduces_the_figures_recorded_in_the_model_and_the_readme()
    {
        var data = Requires.SharedData();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH (apt-get install ffmpeg)");
        using var doc = JsonDocument.Parse(File.ReadAllText(ModelPath));
        var training = doc.RootElement.GetProperty("training");
        var recorded = double.Parse(training.GetProperty("cvClipAccuracy").GetString()!, CultureInfo.InvariantCulture);

        // The command of scripts/train-bundled-model.sh, with --cv only and a fresh cache (a cold start).
        var result = CliRunner.Run([
            "train", "--data", Path.Combine(data, "folds.tsv"), "--cv", "--json",
            "--c", training.GetProperty("cGrid").GetString()!, "--cache", _temp.Path]);

        Assert.Equal(0, result.ExitCode);
        using var report = JsonDocument.Parse(result.Out);
        var accuracy = report.RootElement.GetProperty("clips").GetProperty("accuracy").GetDouble();
        // Deterministic on one machine; SIMD widths differ between processors, so allow two clips of 375.
        Assert.InRange(accuracy, recorded - (2.0 / 375), recorded + (2.0 / 375));

        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        Assert.Contains(recorded.ToString("P1", CultureInfo.InvariantCulture).Replace(" ", string.Empty, StringComparison.Ordinal), readme.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
