using GenreStream.Streaming.Sources.Pulse;
using GenreStream.TestSupport;

namespace GenreStream.Streaming.Tests.Sources.Pulse;

[Collection(PulseTestServer.Name)]
[Trait("Category", "PulseServer")]
public sealed class PulseDevicesTests(PulseServer pulse)
{
    [SkippableFact]
    public void Lists_the_null_sink_monitor_with_its_format()
    {
        Requires.Available(pulse.WhyUnavailable);

        var devices = PulseDevices.List(pulse.Server);

        var monitor = Assert.Single(devices, d => d.Name == "test_sink.monitor");
        Assert.True(monitor.IsMonitor);
        Assert.Equal(44100, monitor.SampleRate);
        Assert.Equal(2, monitor.Channels);
        Assert.False(string.IsNullOrEmpty(monitor.Description));
    }

    [Fact]
    public void No_server_is_a_one_line_unavailable_error()
    {
        using var dir = new TempDirectory();

        var e = Assert.Throws<AudioServerUnavailableException>(() => PulseDevices.List("unix:" + dir.File("none.sock")));

        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Missing_pactl_is_an_unavailable_error_naming_the_package()
    {
        var e = Assert.Throws<AudioServerUnavailableException>(() => PulseDevices.List(pactlExecutable: "/nonexistent/pactl"));
        Assert.Contains("pulseaudio-utils", e.Message, StringComparison.Ordinal);
    }
}
