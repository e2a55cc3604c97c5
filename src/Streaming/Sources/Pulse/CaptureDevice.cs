namespace GenreStream.Streaming.Sources.Pulse;

/// <summary>A capture source the sound server offers: a microphone or line input, or a sink's monitor (loopback).</summary>
/// <param name="Name">The server's name for it, as <see cref="PulseCaptureReader"/> takes it (e.g. <c>alsa_output.pci-0000_00_1f.3.analog-stereo.monitor</c>).</param>
/// <param name="Description">Human-readable name.</param>
/// <param name="SampleRate">The device's native rate in Hz (0 when the server did not say).</param>
/// <param name="Channels">The device's native channel count (0 when the server did not say).</param>
/// <param name="IsMonitor">True when it records what an output plays (loopback) rather than an input.</param>
public sealed record CaptureDevice(string Name, string Description, int SampleRate, int Channels, bool IsMonitor);
