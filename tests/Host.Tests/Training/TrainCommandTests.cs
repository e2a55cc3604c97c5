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
    public void Features_the_cache_answers_write_one_progress_line_to_a_log()
    {
        var model = _temp.File("m.json");
        Assert.Equal(0, CliRunner.Run(["train", "--data", _data, "--out", model, "--c", "1", "--cache", _cache]).ExitCode);

        // Standard error is not a terminal here: a log gets one line for a job done at once, not one per tenth.
        var again = CliRunner.Run(["train", "--data", _data, "--out", model, "--c", "1", "--cache", _cache]);
        Assert.Equal(0, again.ExitCode);
        var progress = Assert.Single(again.ErrorLines, l => l.StartsWith("extracting features ", StringComparison.Ordinal));
        Assert.Contains("18/18 files", progress, StringComparison.Ordinal);
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
    public void Evaluate_on_the_models_own_training_recordings_says_the_figures_are_optimistic()
    {
        var model = _temp.File("m.json");
        Assert.Equal(0, CliRunner.Run(["train", "--data", _data, "--out", model, "--c", "1", "--cache", _cache]).ExitCode);

        // The same recordings under other names are still the training set.
        var renamed = Path.Combine(_temp.Path, "renamed");
        foreach (var file in Directory.EnumerateFiles(_data, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(renamed, Path.GetRelativePath(_data, file).Replace(".wav", "-copy.wav", StringComparison.Ordinal));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var seen = CliRunner.Run(["evaluate", "--model", model, "--data", renamed, "--json", "--cache", _cache]);
        Assert.Equal(0, seen.ExitCode);
        Assert.Contains("optimistic", seen.Error, StringComparison.Ordinal);
        using (var doc = JsonDocument.Parse(seen.Out))
        {
            Assert.StartsWith("evaluated on data the model was trained on: optimistic (18 of 18 clips)", doc.RootElement.GetProperty("kind").GetString(), StringComparison.Ordinal);
        }

        var fresh = Path.Combine(_temp.Path, "fresh");
        SyntheticGenres.WriteFolder(fresh, perGenre: 2, firstIndex: 100);
        var unseen = CliRunner.Run(["evaluate", "--model", model, "--data", fresh, "--json", "--cache", _cache]);
        Assert.Equal(0, unseen.ExitCode);
        Assert.DoesNotContain("optimistic", unseen.Error + unseen.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Cross_validation_reports_each_data_set_and_the_unknown_detector()
    {
        var other = Path.Combine(_temp.Path, "other");
        SyntheticGenres.WriteFolder(other, perGenre: 3, firstIndex: 50);
        var nonMusic = Path.Combine(_temp.Path, "nonmusic");
        Directory.CreateDirectory(nonMusic);
        for (var n = 0; n < 6; n++)
        {
            File.WriteAllBytes(Path.Combine(nonMusic, $"tone-sine-{n}.wav"), new WavFileBuilder { SampleRate = 22050 }.Build(Signals.Sine(200 + (300 * n), 22050, 22050 * 4)));
            File.WriteAllBytes(Path.Combine(nonMusic, $"noise-white-{n}.wav"), new WavFileBuilder { SampleRate = 22050 }.Build(Signals.WhiteNoise(22050 * 4, seed: n, amplitude: 0.05 * (n + 1))));
        }

        var result = CliRunner.Run(["train", "--data", _data, "--data", other, "--cv", "--json", "--c", "1", "--nonmusic-train", nonMusic, "--cache", _cache]);

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        var root = doc.RootElement;
        Assert.Equal(27, root.GetProperty("clips").GetProperty("count").GetInt32());
        var sets = root.GetProperty("dataSets");
        Assert.Equal(18, sets.GetProperty("data").GetProperty("count").GetInt32());
        Assert.Equal(9, sets.GetProperty("other").GetProperty("count").GetInt32());
        var unknown = root.GetProperty("unknown");
        Assert.Equal(12, unknown.GetProperty("synthesisedClips").GetInt32());
        Assert.InRange(unknown.GetProperty("musicClips").GetDouble(), 0, 0.2);
        Assert.InRange(unknown.GetProperty("synthesisedUnknown").GetDouble(), 0.5, 1);
        Assert.InRange(root.GetProperty("clips").GetProperty("balancedAccuracy").GetDouble(), 0.5, 1);
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
    public void An_output_in_a_folder_that_does_not_exist_is_refused_naming_it_and_makes_no_folders()
    {
        var missing = Path.Combine(_temp.Path, "nonexist", "dir");
        var result = CliRunner.Run(["train", "--data", _data, "--out", Path.Combine(missing, "x.json"), "--c", "1", "--cache", _cache]);
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Equal($"genre train: cannot write the model to {Path.Combine(missing, "x.json")}: the folder {missing} does not exist", line);
        Assert.False(Directory.Exists(Path.Combine(_temp.Path, "nonexist")), "train made the folders of a mistyped path");
        Assert.False(Directory.Exists(_cache), "features were extracted although the model could not be written");
    }

    [Fact]
    public void An_output_folder_that_cannot_be_written_is_refused_in_one_line_before_any_work()
    {
        // /proc takes no new files, not even from root (the tests may run as root, for whom permissions are no bar).
        var result = CliRunner.Run(["train", "--data", _data, "--out", "/proc/genre-model.json", "--c", "1", "--cache", _cache]);
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("genre train: cannot write the model to /proc/genre-model.json: ", line, StringComparison.Ordinal);
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
