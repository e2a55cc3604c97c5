using System.Text.Json.Serialization;

namespace GenreStream.Host.Bench;

/// <summary>Source-generated JSON for <see cref="BenchReport"/> (one object, snake case).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext
{
}
