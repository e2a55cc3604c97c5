using System.Text.Json;
using System.Text.Json.Nodes;
using GenreStream.Model.Files;
using GenreStream.Model.Softmax;

namespace GenreStream.Model.Features;

/// <summary>
/// Reads a <see cref="FeatureSpec"/> from a JSON file (the <c>featureSpec</c> object of a model file has
/// the same shape). Fields left out keep the values of <see cref="FeatureSpec.Statistics"/>, the plain
/// spec, so a file names only what it changes.
/// </summary>
public static class FeatureSpecFile
{
    /// <exception cref="ArgumentException">The file cannot be read or the spec is invalid; the message lists why.</exception>
    public static FeatureSpec Load(string path)
    {
        try
        {
            var overrides = JsonNode.Parse(FileLimits.ReadAllText(path, FileLimits.FeatureSpecBytes, "a feature spec file")) as JsonObject
                ?? throw new ArgumentException($"{path}: a feature spec is a JSON object");
            var merged = JsonSerializer.SerializeToNode(FeatureSpec.Statistics, ModelJsonContext.Default.FeatureSpec)!.AsObject();
            foreach (var (name, value) in overrides)
            {
                var key = merged.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new ArgumentException($"{path}: unknown feature spec field '{name}' (known: {string.Join(", ", merged.Select(p => p.Key))})");
                merged[key] = value?.DeepClone();
            }

            var spec = merged.Deserialize(ModelJsonContext.Default.FeatureSpec)! with { Version = FeatureSpec.CurrentVersion };
            spec.EnsureValid();
            return spec;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            throw new ArgumentException($"{path}: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }
}
