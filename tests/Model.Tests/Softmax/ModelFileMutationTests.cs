using System.Diagnostics;
using System.Text.Json.Nodes;
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

    /// <summary>Raw JSON tokens put in place of a value (the JSON reader accepts NaN and Infinity as strings only).</summary>
    private static readonly string[] Replacements =
    [
        "NaN", "Infinity", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1e39", "-1e39", "1e308", "99999999999", "2147483648",
        "-1", "0", "-0.5", "1.5", "1e-39", "1e-30", "\"abc\"", "\"\"", "null", "true", "{}", "[]", "[1,2]",
    ];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Every_damaged_bundled_model_loads_sanely_or_fails_with_one_line_naming_the_file()
    {
        var mutations = Mutations().ToList();
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

    private static IEnumerable<(string Description, string Json)> Mutations()
    {
        foreach (var text in new[] { string.Empty, " ", "null", "[]", "{}", "1", "\"model\"", "not json", "{\"schemaVersion\":1}", "\uFEFF{", "{\"schemaVersion\":1,\"labels\":null}" })
        {
            yield return ($"whole document '{text}'", text);
        }

        // Truncated: at every one of the first 300 characters, then every 13th.
        for (var length = 0; length < Bundled.Length; length += length < 300 ? 1 : 13)
        {
            yield return ($"truncated to {length} characters", Bundled[..length]);
        }

        var random = new Random(Seed);
        foreach (var (path, withoutFingerprint) in ValuePaths(random))
        {
            foreach (var replacement in Replacements)
            {
                var doc = Document(withoutFingerprint);
                Set(doc, path, JsonValue.Create("__replaced__"));
                yield return ($"{path} = {replacement}{(withoutFingerprint ? " (fingerprint removed)" : string.Empty)}",
                    doc.ToJsonString().Replace("\"__replaced__\"", replacement, StringComparison.Ordinal));
            }
        }

        foreach (var path in new[] { "labels", "standardization.mean", "standardization.std", "weights", "weights.0", "weights.9", "biases" })
        {
            foreach (var change in new[] { "last removed", "first removed", "emptied", "one added", "doubled" })
            {
                var doc = Document(false);
                var array = Get(doc, path)!.AsArray();
                switch (change)
                {
                    case "last removed": array.RemoveAt(array.Count - 1); break;
                    case "first removed": array.RemoveAt(0); break;
                    case "emptied": array.Clear(); break;
                    case "one added": array.Add(array[0]!.DeepClone()); break;
                    default: foreach (var item in array.ToList()) { array.Add(item!.DeepClone()); } break;
                }

                yield return ($"{path}: {change}", doc.ToJsonString());
            }
        }

        foreach (var field in Document(false).Select(p => p.Key).Concat(Document(false)["featureSpec"]!.AsObject().Select(p => "featureSpec." + p.Key)).ToList())
        {
            var doc = Document(true);
            var (parent, name) = Parent(doc, field);
            parent.AsObject().Remove(name);
            yield return ($"{field} removed (fingerprint removed)", doc.ToJsonString());
        }

        var labels = Document(false);
        labels["labels"]![1] = "blues";
        yield return ("two labels the same", labels.ToJsonString());
        labels = Document(false);
        labels["labels"]![1] = " ";
        yield return ("a blank label", labels.ToJsonString());
        var one = Document(false);
        one["labels"] = new JsonArray("rock");
        one["weights"] = new JsonArray(one["weights"]![0]!.DeepClone());
        one["biases"] = new JsonArray(0);
        yield return ("a single label", one.ToJsonString());
    }

    /// <summary>Every scalar outside the big arrays, and a few inside each (first, last, one at random); spec fields with and without the fingerprint.</summary>
    private static IEnumerable<(string Path, bool WithoutFingerprint)> ValuePaths(Random random)
    {
        var doc = Document(false);
        foreach (var (name, value) in doc)
        {
            if (value is JsonValue)
            {
                yield return (name, false);
            }
        }

        foreach (var (name, _) in doc["featureSpec"]!.AsObject())
        {
            yield return ($"featureSpec.{name}", false);
            yield return ($"featureSpec.{name}", true);
        }

        foreach (var array in new[] { "labels", "standardization.mean", "standardization.std", "biases", "weights.0", "weights.5", "weights.9" })
        {
            var count = Get(doc, array)!.AsArray().Count;
            foreach (var i in new[] { 0, count - 1, random.Next(count) }.Distinct())
            {
                yield return ($"{array}.{i}", false);
            }
        }

        foreach (var container in new[] { "featureSpec", "standardization", "weights", "training", "labels" })
        {
            yield return (container, false);
        }
    }

    private static JsonObject Document(bool withoutFingerprint)
    {
        var doc = JsonNode.Parse(Bundled)!.AsObject();
        if (withoutFingerprint)
        {
            doc.Remove("featureFingerprint");
        }

        return doc;
    }

    private static JsonNode? Get(JsonNode node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = int.TryParse(part, out var i) ? node[i]! : node[part]!;
        }

        return node;
    }

    private static (JsonNode Parent, string Name) Parent(JsonNode doc, string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? (doc, path) : (Get(doc, path[..dot])!, path[(dot + 1)..]);
    }

    private static void Set(JsonNode doc, string path, JsonNode value)
    {
        var (parent, name) = Parent(doc, path);
        if (int.TryParse(name, out var i))
        {
            parent[i] = value;
        }
        else
        {
            parent[name] = value;
        }
    }
}
