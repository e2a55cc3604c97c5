using System.Text.Json.Serialization;

namespace GenreStream.Model.Softmax;

/// <summary>Source-generated JSON for model files (no reflection: NativeAOT and trimming safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = false,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(ModelDocument))]
[JsonSerializable(typeof(GenreStream.Model.Features.FeatureSpec))]
internal sealed partial class ModelJsonContext : JsonSerializerContext
{
}
