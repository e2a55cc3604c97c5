using System.Runtime.Versioning;
using GenreStream.Streaming.Sources.Pulse;
using NAudio.CoreAudioApi;

namespace GenreStream.Capture.Wasapi;

/// <summary>
/// The active WASAPI endpoints as capture sources for <c>genre devices</c>: inputs (microphones, line in) and outputs,
/// whose loopback records what they play (listed as monitors). The name is the endpoint's friendly name, which
/// <see cref="WasapiCaptureReader"/> takes back as <c>--source</c>.
/// </summary>
[SupportedOSPlatform("windows")]
public static class WasapiDevices
{
    public static IReadOnlyList<CaptureDevice> List()
    {
        using var enumerator = new MMDeviceEnumerator();
        var devices = new List<CaptureDevice>();
        foreach (var flow in new[] { DataFlow.Capture, DataFlow.Render })
        {
            foreach (var device in enumerator.EnumerateAudioEndPoints(flow, DeviceState.Active))
            {
                using var client = device.CreateAudioClient();
                var format = client.MixFormat;
                devices.Add(new CaptureDevice(device.FriendlyName, device.DeviceFriendlyName, format.SampleRate, format.Channels, flow == DataFlow.Render));
            }
        }

        return devices;
    }
}
