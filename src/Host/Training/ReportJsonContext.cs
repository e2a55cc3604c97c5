using System.Text.Json.Serialization;
using GenreStream.Model.Evaluation;

namespace GenreStream.Host.Training;

/// <summary>Source-generated JSON for training reports.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(TrainingReport))]
[JsonSerializable(typeof(ClassificationReport))]
[JsonSerializable(typeof(UnknownFigures))]
internal sealed partial class ReportJsonContext : JsonSerializerContext
{
}
