using GenreStream.Host.Cli;
using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Sources;

namespace GenreStream.Host.Listen;

/// <summary>Turns <c>--source</c> into a reader factory and a description for the <c>started</c> event.</summary>
internal static partial class LiveSources
{
    private const string FilePrefix = "file:";

    /// <summary>The reader factory and description for <paramref name="what"/>; <paramref name="pipe"/> (if given) makes opening a file that is a named pipe cancellable.</summary>
    public static (Func<ISampleReader> Open, string Description) Resolve(string what, bool fast, string? server, CommonOptions.Resolved setup, CliContext context, NamedPipeOpening? pipe = null)
    {
        if (what == InputOpener.StandardInput)
        {
            var raw = setup.Raw!;
            return (() => new RawPcmReader(context.OpenStandardInput(), raw.Format, new AudioFormat(raw.SampleRate, raw.Channels)), $"standard input ({raw.Format.ToString().ToLowerInvariant()}, {raw.SampleRate} Hz, {raw.Channels} ch)");
        }

        if (what.StartsWith(FilePrefix, StringComparison.Ordinal))
        {
            var path = what[FilePrefix.Length..];
            ISampleReader Open() => pipe is null ? AudioFileReader.Open(path) : pipe.Open(path, AudioFileReader.Open);
            return (() => fast ? Open() : new PacedSampleReader(Open(), TimeProvider.System), $"file {path}{(fast ? " (as fast as possible)" : " (real-time pace)")}");
        }

        return LiveDevice(what, setup.Model.Spec.SampleRate, server);
    }

    /// <summary>Whether <paramref name="what"/> names a live device (rather than a file or standard input).</summary>
    public static bool IsLive(string what) => what != InputOpener.StandardInput && !what.StartsWith(FilePrefix, StringComparison.Ordinal);

    /// <summary>Whether the source delivers samples at their sample rate (a device, a paced file) rather than whole blocks at once (a fast file, a pipe).</summary>
    public static bool IsRealTime(string what, bool fast) => IsLive(what) || (!fast && what.StartsWith(FilePrefix, StringComparison.Ordinal));

    /// <summary>Whether <paramref name="error"/> says no audio server could be reached.</summary>
    public static bool IsServerUnavailable(Exception error) => IsServerUnavailableCore(error);
}
