using System.Diagnostics;
using GenreStream.Model.Softmax;
using GenreStream.TestSupport;
using Xunit.Abstractions;

namespace GenreStream.Model.Tests.Softmax;

/// <summary>
/// The bundled model file, systematically damaged: truncated at many points, every kind of field given
/// NaN, infinite, huge, negative, string, null or structured values, arrays shortened, lengthened and
/// emptied, fields removed. Each either loads as a model that predicts finite probabilities summing to
/// 1, or fails with a one-line <see cref="ModelFormatException"/> naming the file; nothing else.
/// </summary>
public sealed class ModelFileMutationTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20_250_801;
    private static readonly string Bundled = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "config", "genre-model.json"));

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Every_damaged_bundled_model_loads_sanely_or_fails_with_one_line_naming_the_file()
    {
        var mutations = DamagedModels.Generate(Bundled, Seed).ToList();
        var clock = Stopwatch.StartNew();
        var loaded = 0;
        var failures = new List<string>();
        for (var i = 0; i < mutations.Count; i++)
        {
            var (description, json) = mutations[i];
            try
            {
                loaded += Check(json, i % 10 == 0 ? _temp.File($"model-{i}.json") : null) ? 1 : 0;
            }
            catch (Exception e)
            {
                failures.Add($"seed {Seed}, mutation #{i} ({description}): {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            }
        }

        output.WriteLine($"{mutations.Count} damaged models (seed {Seed}) in {clock.Elapsed.TotalSeconds:F1} s: {loaded} loaded, {mutations.Count - loaded - failures.Count} refused");
        Assert.True(failures.Count == 0, $"{failures.Count} of {mutations.Count} damaged models misbehaved:\n{string.Join("\n", failures.Take(30))}");
    }

    [Fact]
    public void A_missing_model_file_or_a_folder_is_one_line_naming_it()
    {
        foreach (var path in new[] { _temp.File("absent.json"), _temp.Path, _temp.File("no/such/dir/model.json") })
        {
            var e = Assert.Throws<ModelFormatException>(() => ModelFile.Load(path));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    /// <summary>Loads (from a file when <paramref name="path"/> is given); true when it loaded, false when refused properly.</summary>
    private static bool Check(string json, string? path)
    {
        var clock = Stopwatch.StartNew();
        var model = LoadOrRefuse(json, path);
        if (clock.Elapsed > TimeSpan.FromSeconds(5))
        {
            throw new TimeoutException($"loading took {clock.Elapsed.TotalSeconds:F1} s");
        }

        if (model is null)
        {
            return false;
        }

        var random = new Random(Seed);
        var features = new float[model.FeatureCount];
        var probabilities = new float[model.ClassCount];
        var scratch = new float[model.FeatureCount];
        foreach (var scale in new[] { 0f, 1f, 1e6f, -1e30f })
        {
            for (var i = 0; i < features.Length; i++)
            {
                features[i] = scale * (float)(random.NextDouble() - 0.5);
            }

            model.PredictProbabilities(features, probabilities, scratch);
            var sum = probabilities.Sum(p => (double)p);
            if (!probabilities.All(float.IsFinite) || Math.Abs(sum - 1) > 1e-4)
            {
                throw new InvalidOperationException($"loaded, but predicts {string.Join(",", probabilities)} for features of scale {scale}");
            }
        }

        return true;
    }

    /// <summary>The model, or null when it was refused with a proper message.</summary>
    private static SoftmaxModel? LoadOrRefuse(string json, string? path)
    {
        try
        {
            if (path is null)
            {
                return ModelFile.Parse(json);
            }

            File.WriteAllText(path, json);
            return ModelFile.Load(path);
        }
        catch (ModelFormatException e)
        {
            if (string.IsNullOrWhiteSpace(e.Message) || e.Message.Contains('\n', StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"the error is not one line: '{e.Message}'");
            }

            if (path is not null && !e.Message.Contains(path, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"the error does not name the file: '{e.Message}'");
            }

            return null;
        }
    }
}
