using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Sources;

namespace GenreStream.Host.Live;

/// <summary>Turns a <see cref="SourceSpec"/> into a reader factory and a description for the <c>started</c> event.</summary>
internal static partial class LiveSources
{
    /// <summary>The reader factory and description for <paramref name="source"/>; <paramref name="pipe"/> (if given) makes opening a file that is a named pipe cancellable.</summary>
    /// <param name="source">What to open.</param>
    /// <param name="fast">Read a file as fast as possible instead of at its pace.</param>
    /// <param name="server">PulseAudio/PipeWire server for devices, or null for the default.</param>
    /// <param name="setup">Model and raw-input format.</param>
    /// <param name="pipe">Makes opening a file that is a named pipe cancellable, or null.</param>
    /// <param name="cancel">Cancelled when the run is given up: stops an http(s) stream's decoder even while it waits for the network.</param>
    public static (Func<ISampleReader> Open, string Description) Resolve(SourceSpec source, bool fast, string? server, LiveSetup setup, NamedPipeOpening? pipe = null, CancellationToken cancel = default)
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
            case SourceKind.Url:
                // A live stream arrives at its pace; a server that sends faster (a file, a radio's opening burst) is held to it too,
                // so one stream never takes more than its share of the cores.
                var url = new Uri(source.Name!);
                return (() => new PacedSampleReader(FfmpegDecoder.OpenUrl(url, cancel: cancel), TimeProvider.System), $"stream {source.Shown}");
            default:
                return LiveDevice(source, setup.Model.Spec.SampleRate, server);
        }
    }

    /// <summary>Whether the source delivers samples at their sample rate (a device, a paced file) rather than whole blocks at once (a fast file, a pipe).</summary>
    public static bool IsRealTime(SourceSpec source, bool fast) => source.IsDevice || source.Kind == SourceKind.Url || (!fast && source.Kind == SourceKind.File);

    /// <summary>Whether <paramref name="error"/> says no audio server could be reached.</summary>
    public static bool IsServerUnavailable(Exception error) => IsServerUnavailableCore(error);
}
