using GenreStream.Host.Cli;

namespace GenreStream.Host.Tests.Cli;

/// <summary>Runs the real command line in-process with captured output.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Runs <c>genre</c> with <paramref name="args"/>; <paramref name="configDirectory"/> defaults to the shipped config.</summary>
    public static Result Run(string[] args, byte[]? standardInput = null, string? configDirectory = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext(
            output,
            error,
            () => new MemoryStream(standardInput ?? []),
            configDirectory ?? Path.Combine(AppContext.BaseDirectory, "config"));
        var code = GenreCli.Run(args, context);
        return new Result(code, output.ToString(), error.ToString());
    }
}
