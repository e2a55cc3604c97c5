using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Sources.Pulse;

namespace GenreStream.Host.Live;

/// <summary>Live capture sources through PulseAudio (or PipeWire's pulse server).</summary>
internal static partial class LiveSources
{
    /// <summary>PulseAudio's names for the default output's monitor and the default input.</summary>
    private const string DefaultMonitor = "@DEFAULT_MONITOR@", DefaultSource = "@DEFAULT_SOURCE@";

    private static (Func<ISampleReader> Open, string Description) LiveDevice(SourceSpec source, int sampleRate, string? server)
    {
        var (device, description) = source.Kind switch
        {
            SourceKind.Monitor => (DefaultMonitor, "what is playing (the default output's monitor)"),
            SourceKind.Mic => (DefaultSource, "the default input"),
            _ => (source.Name!, $"source {source.Name}"),
        };
        return (() => new PulseCaptureReader(device, sampleRate, 1, server: server), description);
    }

    private static bool IsServerUnavailableCore(Exception error) => error is AudioServerUnavailableException;
}
