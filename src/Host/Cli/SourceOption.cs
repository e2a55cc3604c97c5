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
}
