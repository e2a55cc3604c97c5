using System.Text.Json.Serialization;

namespace GenreStream.Model.Evaluation;

/// <summary>Source-generated JSON for evaluation reports (no reflection: NativeAOT and trimming safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ClassificationReport))]
public sealed partial class EvaluationJsonContext : JsonSerializerContext
{
}
