using System.Text.Json;
using GenreStream.Host.Tests.Cli;
using GenreStream.Model.Softmax;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Training;

public sealed class TrainCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _data;
    private readonly string _cache;

    public TrainCommandTests()
    {
        _data = Path.Combine(_temp.Path, "data");
        _cache = Path.Combine(_temp.Path, "cache");
        SyntheticGenres.WriteFolder(_data, perGenre: 6);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Trains_a_model_that_classifies_unseen_clips_of_each_genre()
    {
        var model = _temp.File("m.json");
        var result = CliRunner.Run(["train", "--data", _data, "--out", model, "--c", "1", "--cache", _cache]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("clip accuracy", result.Out, StringComparison.Ordinal);

        var loaded = ModelFile.Load(model);
        Assert.Equal(SyntheticGenres.Labels, loaded.Labels);
        Assert.True(File.Exists(_temp.File("m.report.json")));

        foreach (var genre in SyntheticGenres.Labels)
        {
            var clip = _temp.Write($"new-{genre}.wav", new WavFileBuilder { SampleRate = 22050 }.Build(SyntheticGenres.Clip(genre, 99, 3)));
            var classified = CliRunner.Run(["classify", "--json", "--model", model, clip]);
            using var doc = JsonDocument.Parse(classified.OutLines[0]);
            Assert.Equal(genre, doc.RootElement.GetProperty("genre").GetString());
        }
    }

    [Fact]
    public void Cross_validation_reports_out_of_fold_figures_as_json()
    {
        var result = CliRunner.Run(["train", "--data", _data, "--cv", "--json", "--c", "0.1,1", "--cache", _cache]);
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        var root = doc.RootElement;
        Assert.StartsWith("cross-validation", root.GetProperty("kind").GetString(), StringComparison.Ordinal);
        Assert.Equal(18, root.GetProperty("clips").GetProperty("count").GetInt32());
        Assert.True(root.GetProperty("clips").GetProperty("accuracy").GetDouble() >= 0.9);
        Assert.Equal(5, root.GetProperty("chosenC").EnumerateObject().Count());
        Assert.Equal(3, root.GetProperty("clips").GetProperty("confusion").GetArrayLength());
    }

    [Fact]
    public void Re_training_reuses_cached_features()
    {
        var first = CliRunner.Run(["train", "--data", _data, "--cv", "--c", "1", "--cache", _cache]);
        Assert.Equal(0, first.ExitCode);
        var entries = Directory.EnumerateFiles(_cache, "*.f32", SearchOption.AllDirectories).ToArray();
        Assert.Equal(18, entries.Length);
        var stamps = entries.ToDictionary(e => e, File.GetLastWriteTimeUtc);

        var second = CliRunner.Run(["train", "--data", _data, "--cv", "--c", "1", "--cache", _cache]);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(first.Out, second.Out);
        Assert.All(stamps, kv => Assert.Equal(kv.Value, File.GetLastWriteTimeUtc(kv.Key)));
    }

    [Fact]
    public void Evaluate_prints_the_metrics_of_a_model_on_a_labelled_set()
    {
        var model = _temp.File("m.json");
        Assert.Equal(0, CliRunner.Run(["train", "--data", _data, "--out", model, "--c", "1", "--cache", _cache]).ExitCode);
        var result = CliRunner.Run(["evaluate", "--model", model, "--data", _data, "--json", "--cache", _cache]);
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal(1.0, doc.RootElement.GetProperty("clips").GetProperty("accuracy").GetDouble());
        Assert.True(doc.RootElement.GetProperty("windows").GetProperty("count").GetInt32() >= 18);

        var text = CliRunner.Run(["evaluate", "--model", model, "--data", _data, "--cache", _cache]);
        Assert.Contains("macro-F1", text.Out, StringComparison.Ordinal);
        Assert.Contains("ECE", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tsv_with_a_group_split_across_folds_is_refused()
    {
        var tsv = _temp.Write("bad.tsv", System.Text.Encoding.UTF8.GetBytes(
            "path\tgenre\tfold\tgroup\n" +
            "data/low/low.00.wav\tlow\t0\tartist:a\n" +
            "data/low/low.01.wav\tlow\t1\tartist:a\n" +
            "data/bright/bright.00.wav\tbright\t1\tartist:b\n"));
        var result = CliRunner.Run(["train", "--data", tsv, "--cv", "--cache", _cache]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("artist:a", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_a_tsv_is_listed_at_once()
    {
        var tsv = _temp.Write("bad.tsv", System.Text.Encoding.UTF8.GetBytes(
            "path\tgenre\tfold\n" +
            "data/low/missing.wav\tlow\t0\n" +
            "data/low/low.01.wav\tlow\tx\n"));
        var result = CliRunner.Run(["train", "--data", tsv, "--out", _temp.File("m.json")]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("missing.wav not found", result.Error, StringComparison.Ordinal);
        Assert.Contains("fold 'x'", result.Error, StringComparison.Ordinal);
        Assert.Single(result.ErrorLines);
    }

    [Fact]
    public void Unreadable_files_are_named_left_out_and_make_the_exit_code_3()
    {
        File.WriteAllText(Path.Combine(_data, "low", "broken.wav"), "not audio");
        var model = _temp.File("m.json");
        var result = CliRunner.Run(["train", "--data", _data, "--out", model, "--c", "1", "--cache", _cache]);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains(result.ErrorLines, l => l.Contains("broken.wav", StringComparison.Ordinal));
        Assert.True(File.Exists(model));
    }

    [Fact]
    public void Train_without_out_or_cv_is_a_usage_error()
    {
        var result = CliRunner.Run(["train", "--data", _data]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--out", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Augmentation_and_weighting_train_and_are_recorded_in_the_model()
    {
        var model = _temp.File("m.json");
        var result = CliRunner.Run(["train", "--data", _data, "--out", model, "--c", "1", "--augment", "1.5", "--max-clip-windows", "2", "--balance-classes", "--cache", _cache]);
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(model));
        var training = doc.RootElement.GetProperty("training");
        Assert.Equal("1.5 s windows", training.GetProperty("augment").GetString());
        Assert.Contains("max clip windows 2", training.GetProperty("weighting").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, doc.RootElement.GetProperty("featureSpec").GetProperty("textureSeconds").GetDouble() / 3, 1e-9);
    }

    [Theory]
    [InlineData("--augment", "0")]
    [InlineData("--augment", "2,x")]
    [InlineData("--max-clip-windows", "0")]
    [InlineData("--c", "-1")]
    [InlineData("--model", "svm")]
    public void Bad_training_options_are_usage_errors(string option, string value)
    {
        var result = CliRunner.Run(["train", "--data", _data, "--cv", option, value]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_path_that_cannot_take_a_model_is_refused_before_any_work()
    {
        var result = CliRunner.Run(["train", "--data", _data, "--out", _temp.Path, "--c", "1", "--cache", _cache]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is a folder", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cache), "features were extracted although the model could not be written");
    }

    [Fact]
    public void Data_of_one_genre_is_one_line_before_any_feature_is_extracted()
    {
        // Before: features extracted, then an AggregateException stack trace from the parallel fits.
        var one = Path.Combine(_temp.Path, "one");
        var genre = SyntheticGenres.Labels[0];
        Directory.CreateDirectory(Path.Combine(one, genre));
        foreach (var file in Directory.GetFiles(Path.Combine(_data, genre)))
        {
            File.Copy(file, Path.Combine(one, genre, Path.GetFileName(file)));
        }

        var (code, output, error) = GenreProcessTests.RunGenre("train", "--data", one, "--out", _temp.File("m.json"), "--cache", _cache);
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Equal([$"genre train: the data has one genre ({genre}): a classifier needs clips of at least two genres"], error);
        Assert.False(Directory.Exists(_cache), "features were extracted for a data set that cannot train");
    }
}
