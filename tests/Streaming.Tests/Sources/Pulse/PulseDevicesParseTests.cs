using GenreStream.Streaming.Sources.Pulse;

namespace GenreStream.Streaming.Tests.Sources.Pulse;

public sealed class PulseDevicesParseTests
{
    [Theory]
    [InlineData("float32le 2ch 44100Hz", 44100, 2)]
    [InlineData("s16le 1ch 48000Hz", 48000, 1)]
    [InlineData("s24-32le 8ch 96000Hz", 96000, 8)]
    [InlineData("", 0, 0)]
    [InlineData(null, 0, 0)]
    public void Reads_rate_and_channels_from_the_sample_specification(string? spec, int rate, int channels)
    {
        Assert.Equal((rate, channels), PulseDevices.ParseSampleSpec(spec));
    }

    [Fact]
    public void Parses_inputs_and_monitors()
    {
        const string json = """
            [
              {"name":"alsa_input.usb-mic","description":"USB Mic","sample_specification":"s16le 1ch 48000Hz","monitor_source":"n/a","properties":{"device.class":"sound"}},
              {"name":"alsa_output.speakers.monitor","description":"Monitor of Speakers","sample_specification":"float32le 2ch 44100Hz","monitor_of_sink":"alsa_output.speakers"},
              {"name":"odd","description":"Odd","sample_specification":"s16le 2ch 44100Hz","properties":{"device.class":"monitor"}},
              {"description":"nameless is skipped"}
            ]
            """;

        var devices = PulseDevices.Parse(json);

        Assert.Equal(
            [
                new CaptureDevice("alsa_input.usb-mic", "USB Mic", 48000, 1, false),
                new CaptureDevice("alsa_output.speakers.monitor", "Monitor of Speakers", 44100, 2, true),
                new CaptureDevice("odd", "Odd", 44100, 2, true),
            ],
            devices);
    }
}
