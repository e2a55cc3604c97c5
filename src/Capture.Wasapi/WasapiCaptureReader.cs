using System.Runtime.Versioning;
using GenreStream.NAudio;
using GenreStream.Streaming.Sources;
using NAudio.CoreAudioApi;
using NAudio.Wave;

namespace GenreStream.Capture.Wasapi;

/// <summary>
/// Opens a live source through WASAPI as the pull <see cref="ISampleReader"/> that <see cref="LiveCapture"/> runs (its
/// bounded ring, dropped audio, lost/recovered), as <c>PulseCaptureReader</c> does on Linux: <c>monitor</c> is loopback
/// of the default output (what is playing), <c>mic</c> the default input, a device name any active endpoint (a render
/// endpoint is captured in loopback), <c>app:&lt;name or pid&gt;</c> one application's audio (process loopback, Windows 10
/// 2004 / build 19041 or later). Capture runs in the device's mix format (shared mode); <see cref="PushSampleReader"/>
/// decodes it in the callback and holds up to two seconds. Loopback delivers nothing while the output is idle: after
/// 200 ms without a packet the reader gives silence for the quiet time, so the stream reports silence rather than stalling.
/// </summary>
[SupportedOSPlatform("windows")]
public static class WasapiCaptureReader
{
    /// <summary>Starts capturing <paramref name="source"/> (a device kind: monitor, mic, device or app).</summary>
    /// <exception cref="AudioFormatException">No such device or application, or WASAPI refused it (one line).</exception>
    public static ISampleReader Open(SourceSpec source)
    {
        ArgumentNullException.ThrowIfNull(source);
        WasapiRecorder recorder;
        try
        {
            recorder = source.Kind switch
            {
                SourceKind.Monitor => new WasapiRecorderBuilder().WithLoopbackCapture().Build(),
                SourceKind.Mic => new WasapiRecorderBuilder().Build(),
                SourceKind.App => Application(source.Name!),
                SourceKind.Device => Named(source.Name!),
                _ => throw new ArgumentException($"{source} is not a capture device", nameof(source)),
            };
        }
        catch (Exception e) when (e is not AudioFormatException and not ArgumentException)
        {
            throw new AudioFormatException($"cannot capture {Describe(source)}: {e.Message.ReplaceLineEndings(" ")}");
        }

        // Loopback sends no packets while nothing plays: after 200 ms of none, the quiet is read as silence.
        var idle = source.Kind is SourceKind.Mic ? (TimeSpan?)null : TimeSpan.FromMilliseconds(200);
        var reader = new PushSampleReader(recorder.WaveFormat, capacitySeconds: 2.0, stop: recorder.Dispose, idleSilence: idle);
        var silence = new byte[recorder.WaveFormat.AverageBytesPerSecond / 10];
        recorder.DataAvailable += (data, flags, _, _) =>
        {
            if ((flags & AudioClientBufferFlags.Silent) != 0)
            {
                // WASAPI marks silent packets and leaves their bytes undefined: push zeros of the same length.
                for (var left = data.Length; left > 0; left -= silence.Length)
                {
                    reader.Push(silence.AsSpan(0, Math.Min(left, silence.Length)));
                }
            }
            else
            {
                reader.Push(data);
            }
        };
        recorder.RecordingStopped += (_, e) => reader.Stop(e.Exception);
        try
        {
            recorder.StartRecording();
        }
        catch (Exception e)
        {
            reader.Dispose();
            throw new AudioFormatException($"cannot capture {Describe(source)}: {e.Message.ReplaceLineEndings(" ")}");
        }

        return reader;
    }

    private static WasapiRecorder Application(string nameOrId)
    {
        if (!OperatingSystem.IsWindowsVersionAtLeast(10, 0, 19041))
        {
            throw new AudioFormatException($"one application's audio (app:{nameOrId}) needs Windows 10 version 2004 (build 19041) or later; use 'monitor' for everything that plays");
        }

        // Process loopback is activated asynchronously; the reader is opened on LiveCapture's own thread, so waiting is fine.
        return new WasapiRecorderBuilder()
            .WithProcessLoopback(ProcessTarget.Resolve(nameOrId), ProcessLoopbackMode.IncludeTargetProcessTree)
            .BuildAsync().GetAwaiter().GetResult();
    }

    private static WasapiRecorder Named(string name)
    {
        using var devices = new MMDeviceEnumerator();
        foreach (var device in devices.EnumerateAudioEndPoints(DataFlow.All, DeviceState.Active))
        {
            if (string.Equals(device.FriendlyName, name, StringComparison.OrdinalIgnoreCase) || string.Equals(device.ID, name, StringComparison.OrdinalIgnoreCase))
            {
                var builder = new WasapiRecorderBuilder().WithDevice(device);
                return (device.DataFlow == DataFlow.Render ? builder.WithLoopbackCapture() : builder).Build();
            }
        }

        throw new AudioFormatException($"no capture device '{name}'; list them with 'genre devices'");
    }

    private static string Describe(SourceSpec source) => source.Kind switch
    {
        SourceKind.Monitor => "what is playing (loopback of the default output)",
        SourceKind.Mic => "the default input",
        _ => $"'{source}'",
    };
}
