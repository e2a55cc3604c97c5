using GenreStream.Streaming.Sources;

namespace GenreStream.Host.Cli;

/// <summary>Turns an input argument (a path, or <c>-</c> for raw PCM on standard input) into a reader factory.</summary>
internal static class InputOpener
{
    /// <summary>The argument that means standard input.</summary>
    public const string StandardInput = SourceSpec.StandardInputText;

    public static Func<ISampleReader> For(string input, RawInput? raw, CliContext context) =>
        input == StandardInput
            ? () => raw!.Open(context.OpenStandardInput())
            : () => AudioFileReader.Open(input);
}
