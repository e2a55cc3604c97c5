using System.CommandLine;
using GenreStream.Host.Live;

namespace GenreStream.Host.Cli;

/// <summary><c>genre schema</c>: prints the JSON Schema of the live events.</summary>
internal static class SchemaCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "schema",
            $"Print the JSON Schema (draft 2020-12) of the events that 'listen --json', --jsonl, and serve's /events, /ws and /api/now carry (schema_version {LiveEventJson.SchemaVersion}).");
        command.SetAction(_ =>
        {
            context.Out.Write(EventSchema.Text());
            context.Out.Flush();
            return 0;
        });
        return command;
    }
}
