using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Sources;

namespace GenreStream.Host.Live;

/// <summary>Turns a <see cref="SourceSpec"/> into a reader factory and a description for the <c>started</c> event.</summary>
internal static partial class LiveSources
{
    /// <summary>The reader factory and description for <paramref name="source"/>; <paramref name="pipe"/> (if given) makes opening a file that is a named pipe cancellable.</summary>
    public static (Func<ISampleReader> Open, string Description) Resolve(SourceSpec source, bool fast, string? server, LiveSetup setup, NamedPipeOpening? pipe = null)
    {
        switch (source.Kind)
        {
            case SourceKind.StandardInput:
                var raw = setup.Raw ?? throw new InvalidOperationException("standard input needs its raw PCM format (--format, --rate, --channels)");
                return (() => raw.Open(setup.OpenStandardInput()), $"standard input ({raw})");
            case SourceKind.File:
                var path = source.Name!;
                ISampleReader Open() => pipe is null ? AudioFileReader.Open(path) : pipe.Open(path, AudioFileReader.Open);
                return (() => fast ? Open() : new PacedSampleReader(Open(), TimeProvider.System), $"file {path}{(fast ? " (as fast as possible)" : " (real-time pace)")}");
            default:
                return LiveDevice(source, setup.Model.Spec.SampleRate, server);
        }
    }

    /// <summary>Whether the source delivers samples at their sample rate (a device, a paced file) rather than whole blocks at once (a fast file, a pipe).</summary>
    public static bool IsRealTime(SourceSpec source, bool fast) => source.IsDevice || (!fast && source.Kind == SourceKind.File);

    /// <summary>Whether <paramref name="error"/> says no audio server could be reached.</summary>
    public static bool IsServerUnavailable(Exception error) => IsServerUnavailableCore(error);
}
