using System.Text.Json;
using GenreStream.Host.Live;
using Json.Schema;

namespace GenreStream.Host.Tests.Live;

/// <summary>Validates events against the shipped <c>events.schema.json</c> with JsonSchema.Net (formats checked too).</summary>
internal static class EventSchemaCheck
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(EventSchema.Text()));

    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    /// <summary>Why <paramref name="e"/> does not fit the schema, or null when it does.</summary>
    public static string? Problems(JsonElement e)
    {
        var result = Schema.Value.Evaluate(e, Options);
        if (result.IsValid)
        {
            return null;
        }

        var errors = (result.Details ?? [])
            .Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(x => $"{d.InstanceLocation} ({d.EvaluationPath}): {x.Key}: {x.Value}"));
        return string.Join("; ", errors.DefaultIfEmpty("invalid")) + " in " + e.GetRawText();
    }

    /// <summary>Fails with every problem when <paramref name="e"/> does not fit the schema.</summary>
    public static void Valid(JsonElement e)
    {
        var problems = Problems(e);
        Assert.True(problems is null, problems);
    }
}
