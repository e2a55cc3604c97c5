using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Sources;

namespace GenreStream.Host.Cli;

/// <summary>Turns an input argument (a path, or <c>-</c> for raw PCM on standard input) into a reader factory.</summary>
internal static class InputOpener
{
    /// <summary>The argument that means standard input.</summary>
    public const string StandardInput = "-";

    public static Func<ISampleReader> For(string input, RawInput? raw, CliContext context) =>
        input == StandardInput
            ? () => new RawPcmReader(context.OpenStandardInput(), raw!.Format, new AudioFormat(raw.SampleRate, raw.Channels))
            : () => AudioFileReader.Open(input);
}
