using GenreStream.Capture.Wasapi;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Sources.Pulse;

namespace GenreStream.Host.Live;

/// <summary>Live capture sources: WASAPI on Windows (Capture.Wasapi), PulseAudio (or PipeWire's pulse server) elsewhere.</summary>
internal static partial class LiveSources
{
    /// <summary>PulseAudio's names for the default output's monitor and the default input.</summary>
    private const string DefaultMonitor = "@DEFAULT_MONITOR@", DefaultSource = "@DEFAULT_SOURCE@";

    /// <summary>The capture sources of this machine's audio system, for <c>genre devices</c>.</summary>
    /// <exception cref="AudioServerUnavailableException">No PulseAudio/PipeWire server (Linux).</exception>
    public static IReadOnlyList<CaptureDevice> Devices(string? server) =>
        OperatingSystem.IsWindows() ? WasapiDevices.List() : PulseDevices.List(server);

    private static (Func<ISampleReader> Open, string Description) LiveDevice(SourceSpec source, int sampleRate, string? server)
    {
        if (OperatingSystem.IsWindows())
        {
            return (() => OperatingSystem.IsWindows() ? WasapiCaptureReader.Open(source) : throw new PlatformNotSupportedException(), Describe(source));
        }

        if (source.Kind == SourceKind.App)
        {
            return (() => throw new AudioFormatException($"one application's audio ({source}) is captured on Windows only (process loopback); on Linux use 'monitor' or a device from 'genre devices'"), Describe(source));
        }

        var device = source.Kind switch
        {
            SourceKind.Monitor => DefaultMonitor,
            SourceKind.Mic => DefaultSource,
            _ => source.Name!,
        };
        return (() => new PulseCaptureReader(device, sampleRate, 1, server: server), Describe(source));
    }

    private static string Describe(SourceSpec source) => source.Kind switch
    {
        SourceKind.Monitor => "what is playing (the default output's monitor)",
        SourceKind.Mic => "the default input",
        SourceKind.App => $"the application {source.Name}",
        _ => $"source {source.Name}",
    };

    private static bool IsServerUnavailableCore(Exception error) => error is AudioServerUnavailableException;
}
