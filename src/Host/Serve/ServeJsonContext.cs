using System.Text.Json.Serialization;

namespace GenreStream.Host.Serve;

/// <summary>Source-generated JSON for the service's small replies (<c>/health</c>, <c>/api/source</c>, errors), so the program stays NativeAOT-clean.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class ServeJsonContext : JsonSerializerContext
{
}
