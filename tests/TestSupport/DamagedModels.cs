using System.Text.Json.Nodes;

namespace GenreStream.TestSupport;

/// <summary>
/// A model file damaged systematically: truncated at many points, every kind of field given NaN, infinite,
/// huge, tiny, negative, string, null or structured values, arrays shortened, lengthened and emptied,
/// fields removed (the feature spec's with its fingerprint removed too, so they reach validation).
/// </summary>
public static class DamagedModels
{
    /// <summary>Raw JSON tokens put in place of a value (the JSON reader accepts NaN and Infinity as strings only).</summary>
    private static readonly string[] Replacements =
    [
        "NaN", "Infinity", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1e39", "-1e39", "1e308", "99999999999", "2147483648",
        "-1", "0", "-0.5", "1.5", "1e-39", "1e-30", "\"abc\"", "\"\"", "null", "true", "{}", "[]", "[1,2]",
    ];

    /// <summary>Damaged versions of <paramref name="bundled"/>; the few array positions changed depend on <paramref name="seed"/>.</summary>
    public static IEnumerable<(string Description, string Json)> Generate(string bundled, int seed)
    {
        foreach (var text in new[] { string.Empty, " ", "null", "[]", "{}", "1", "\"model\"", "not json", "{\"schemaVersion\":1}", "\uFEFF{", "{\"schemaVersion\":1,\"labels\":null}" })
        {
            yield return ($"whole document '{text}'", text);
        }

        // Truncated: at every one of the first 300 characters, then every 13th.
        for (var length = 0; length < bundled.Length; length += length < 300 ? 1 : 13)
        {
            yield return ($"truncated to {length} characters", bundled[..length]);
        }

        var random = new Random(seed);
        foreach (var (path, withoutFingerprint) in ValuePaths(bundled, random))
        {
            foreach (var replacement in Replacements)
            {
                var doc = Document(bundled, withoutFingerprint);
                Set(doc, path, JsonValue.Create("__replaced__"));
                yield return ($"{path} = {replacement}{(withoutFingerprint ? " (fingerprint removed)" : string.Empty)}",
                    doc.ToJsonString().Replace("\"__replaced__\"", replacement, StringComparison.Ordinal));
            }
        }

        foreach (var path in new[] { "labels", "standardization.mean", "standardization.std", "weights", "weights.0", "weights.9", "biases" })
        {
            foreach (var change in new[] { "last removed", "first removed", "emptied", "one added", "doubled" })
            {
                var doc = Document(bundled, false);
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

        foreach (var field in Document(bundled, false).Select(p => p.Key).Concat(Document(bundled, false)["featureSpec"]!.AsObject().Select(p => "featureSpec." + p.Key)).ToList())
        {
            var doc = Document(bundled, true);
            var (parent, name) = Parent(doc, field);
            parent.AsObject().Remove(name);
            yield return ($"{field} removed (fingerprint removed)", doc.ToJsonString());
        }

        var labels = Document(bundled, false);
        labels["labels"]![1] = "blues";
        yield return ("two labels the same", labels.ToJsonString());
        labels = Document(bundled, false);
        labels["labels"]![1] = " ";
        yield return ("a blank label", labels.ToJsonString());
        var one = Document(bundled, false);
        one["labels"] = new JsonArray("rock");
        one["weights"] = new JsonArray(one["weights"]![0]!.DeepClone());
        one["biases"] = new JsonArray(0);
        yield return ("a single label", one.ToJsonString());
    }

    /// <summary>Every scalar outside the big arrays, and a few inside each (first, last, one at random); spec fields with and without the fingerprint.</summary>
    private static IEnumerable<(string Path, bool WithoutFingerprint)> ValuePaths(string bundled, Random random)
    {
        var doc = Document(bundled, false);
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

    private static JsonObject Document(string bundled, bool withoutFingerprint)
    {
        var doc = JsonNode.Parse(bundled)!.AsObject();
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
