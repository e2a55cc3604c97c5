using System.CommandLine;
using GenreStream.Streaming.Sources;

namespace GenreStream.Host.Cli;

/// <summary><c>--source</c> of <c>listen</c> and <c>serve</c>, parsed into a <see cref="SourceSpec"/> (one line naming the forms when it is not one).</summary>
internal static class SourceOption
{
    public static Option<SourceSpec?> Create(string description) => new("--source", "-s")
    {
        Description = description,
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[^1].Value : null;
            if (SourceSpec.TryParse(text, out var source, out var error))
            {
                return source;
            }

            r.AddError($"--source: {error}");
            return null;
        },
    };

    /// <summary>
    /// <c>--source</c> of <c>serve</c>: repeatable, each <c>name=&lt;source&gt;</c> (a named stream) or one bare source;
    /// every problem with the set (a bad name, a repeated one, an unnamed source beside others) reported together.
    /// </summary>
    public static Option<Serve.ServedStream[]> CreateStreams(string description) => new("--source", "-s")
    {
        Description = description,
        HelpName = "[name=]source",
        AllowMultipleArgumentsPerToken = false,
        CustomParser = r =>
        {
            var streams = new List<Serve.ServedStream>();
            var errors = new List<string>();
            foreach (var token in r.Tokens)
            {
                if (Serve.ServedStream.TryParse(token.Value, out var stream, out var error))
                {
                    streams.Add(stream);
                }
                else
                {
                    errors.Add($"--source: {error}");
                }
            }

            errors.AddRange(Serve.ServedStream.Validate(streams).Select(e => $"--source: {e}"));
            if (errors.Count > 0)
            {
                r.AddError(string.Join("; ", errors));
            }

            return [.. streams];
        },
    };
}
