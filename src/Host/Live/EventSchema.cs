namespace GenreStream.Host.Live;

/// <summary>The JSON Schema (draft 2020-12) of every live event, <c>events.schema.json</c>, shipped inside the program (<c>genre schema</c> prints it).</summary>
internal static class EventSchema
{
    /// <summary>The name of the embedded resource.</summary>
    public const string ResourceName = "events.schema.json";

    /// <summary>The schema's text.</summary>
    public static string Text()
    {
        using var stream = typeof(EventSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the program was built without {ResourceName}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
