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

    [Fact]
    public void Has_an_unknown_detector_and_records_its_training_recordings_by_content()
    {
        var model = ModelFile.Load(ModelPath);
        Assert.NotNull(model.Novelty);
        Assert.True(model.Novelty!.HasRejector);
        var trainedOn = ModelFile.TrainedOn(ModelPath);
        Assert.Equal(480, trainedOn.Count);
        Assert.All(trainedOn.Values, hash => Assert.Matches("^[0-9a-f]{16}$", hash));
    }

    [SkippableFact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Cross_validation_reproduces_the_figures_recorded_in_the_model_and_the_readme()
    {
        var data = Requires.SharedData();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH (apt-get install ffmpeg)");
        using var doc = JsonDocument.Parse(File.ReadAllText(ModelPath));
        var training = doc.RootElement.GetProperty("training");
        double Recorded(string name) => double.Parse(training.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

        // The command of scripts/train-bundled-model.sh, with --cv only and a fresh cache (a cold start).
        var nonMusic = Path.Combine(_temp.Path, "nonmusic");
        var made = Scripts.ScriptRun.Run(Path.Combine(RepositoryRoot(), "scripts", "make-nonmusic.sh"), new Dictionary<string, string>(), nonMusic);
        Assert.True(made.ExitCode == 0, made.Error);
        var result = CliRunner.Run([
            "train", "--data", Path.Combine(data, "folds.tsv"), "--data", Path.Combine(data, "emotify.tsv"), "--cv", "--json",
            "--c", training.GetProperty("cGrid").GetString()!, "--balance-classes", "--max-clip-windows", "5",
            "--augment-audio", training.GetProperty("augmentAudio").GetString()!,
            "--nonmusic-train", nonMusic, "--cache", Path.Combine(_temp.Path, "cache")]);

        Assert.Equal(0, result.ExitCode);
        using var report = JsonDocument.Parse(result.Out);
        var root = report.RootElement;

        // Deterministic on one machine; SIMD widths differ between processors, so allow two clips of 480
        // (of 375 and 105 per data set) and half a point of the unknown rate.
        Assert.InRange(root.GetProperty("clips").GetProperty("accuracy").GetDouble(), Recorded("cvClipAccuracy") - (2.0 / 480), Recorded("cvClipAccuracy") + (2.0 / 480));
        Assert.InRange(root.GetProperty("clips").GetProperty("balancedAccuracy").GetDouble(), Recorded("cvBalancedAccuracy") - 0.01, Recorded("cvBalancedAccuracy") + 0.01);
        foreach (var (set, clips) in new[] { ("gtzan", 375.0), ("emotify", 105.0) })
        {
            var accuracy = root.GetProperty("dataSets").GetProperty(set).GetProperty("accuracy").GetDouble();
            Assert.InRange(accuracy, Recorded("cvClipAccuracy." + set) - (2 / clips), Recorded("cvClipAccuracy." + set) + (2 / clips));
        }

        Assert.InRange(root.GetProperty("unknown").GetProperty("musicClips").GetDouble(), Recorded("cvUnknownMusicClips") - 0.005, Recorded("cvUnknownMusicClips") + 0.005);

        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).Replace(" ", string.Empty, StringComparison.Ordinal);
        foreach (var figure in new[] { "cvBalancedAccuracy", "cvClipAccuracy.gtzan", "cvClipAccuracy.emotify" })
        {
            Assert.Contains(Recorded(figure).ToString("P1", CultureInfo.InvariantCulture).Replace(" ", string.Empty, StringComparison.Ordinal), readme, StringComparison.Ordinal);
        }
    }
}
