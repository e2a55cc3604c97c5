using System.Text.Json;
using System.Text.Json.Serialization;
using GenreStream.Streaming.Classification;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Library;

/// <summary>
/// A <see cref="ClipOutcome"/> as JSON that gives back the very same result: floats are written in their shortest
/// round-trip form, so a result read back from the results database or from a cluster worker prints exactly as a
/// fresh one.
/// </summary>
internal static class ClipOutcomeJson
{
    public static byte[] Serialize(ClipOutcome outcome)
    {
        var result = outcome.Result;
        var stored = new StoredOutcome(
            outcome.Error,
            result is null ? null : new StoredResult(
                [.. result.Labels],
                result.Probabilities,
                result.Windows,
                result.DurationSeconds,
                result.Status.Name(),
                result.Novelty,
                [.. result.Timeline.Select(t => new StoredStep(t.StartSeconds, t.Smoothed, t.Current, t.Status.Name()))]));
        return JsonSerializer.SerializeToUtf8Bytes(stored, LibraryJsonContext.Default.StoredOutcome);
    }

    /// <exception cref="JsonException">The bytes are not an outcome.</exception>
    public static ClipOutcome Deserialize(ReadOnlySpan<byte> json)
    {
        var stored = JsonSerializer.Deserialize(json, LibraryJsonContext.Default.StoredOutcome) ?? throw new JsonException("empty outcome");
        if (stored.Result is not { } r)
        {
            return ClipOutcome.Failed(stored.Error ?? "no result");
        }

        var timeline = r.Timeline.Select(t => new TimelineEntry(t.Start, t.Smoothed, t.Current, ParseStatus(t.Status))).ToArray();
        return ClipOutcome.Of(new ClipResult(r.Labels, r.Probabilities, r.Windows, timeline, r.Duration, ParseStatus(r.Status), r.Novelty));
    }

    private static TrackStatus ParseStatus(string name) =>
        Enum.GetValues<TrackStatus>().FirstOrDefault(s => s.Name() == name, TrackStatus.Music);
}

internal sealed record StoredOutcome(string? Error, StoredResult? Result);

internal sealed record StoredResult(string[] Labels, float[] Probabilities, int Windows, double Duration, string Status, float Novelty, StoredStep[] Timeline);

internal sealed record StoredStep(double Start, float[] Smoothed, int Current, string Status);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredOutcome))]
internal sealed partial class LibraryJsonContext : JsonSerializerContext;
