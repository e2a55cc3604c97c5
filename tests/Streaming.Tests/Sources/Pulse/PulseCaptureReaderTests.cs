using GenreStream.Streaming.Sources.Pulse;
using GenreStream.TestSupport;

namespace GenreStream.Streaming.Tests.Sources.Pulse;

[Collection(PulseTestServer.Name)]
[Trait("Category", "PulseServer")]
public sealed class PulseCaptureReaderTests(PulseServer pulse)
{
    private const int Rate = 22050;

    [SkippableFact]
    public void Records_a_tone_played_to_the_sink_through_its_monitor()
    {
        Requires.Available(pulse.WhyUnavailable);
        using var dir = new TempDirectory();
        var wav = dir.Write("tone.wav", new WavFileBuilder { SampleRate = 44100, Channels = 1 }.Build(Signals.Sine(1000, 44100, 44100 * 5)));

        using var reader = new PulseCaptureReader("test_sink.monitor", Rate, server: pulse.Server);
        Assert.Equal(Rate, reader.Format.SampleRate);
        Assert.Equal(1, reader.Format.Channels);

        using var player = pulse.Play(wav);

        // Skip the silence before paplay's audio arrives (the idle null sink may take ~2 s to wake),
        // bounded: at most 4 s of captured audio.
        var chunk = new float[Rate / 10];
        var found = false;
        for (var i = 0; i < 40 && !found; i++)
        {
            Assert.Equal(chunk.Length, reader.Read(chunk));
            found = SignalLevel.Rms(chunk) > 0.05;
        }

        Assert.True(found, "no audio reached test_sink.monitor within 4 s of capture");

        var second = new float[Rate];
        Assert.Equal(second.Length, reader.Read(second));
        var window = second.AsSpan(Rate / 4, Rate / 2);
        Assert.InRange(SignalLevel.Rms(window), 0.2, 0.5);
        Assert.True(ToneShare(window, 1000) > 0.8, $"1 kHz share {ToneShare(window, 1000):F3}");
        Assert.True(ToneShare(window, 700) < 0.05, $"700 Hz share {ToneShare(window, 700):F3}");
    }

    [SkippableFact]
    public void Unknown_device_is_a_format_error_naming_it()
    {
        Requires.Available(pulse.WhyUnavailable);

        var e = Assert.Throws<Streaming.Sources.AudioFormatException>(() => new PulseCaptureReader("no_such_source", Rate, server: pulse.Server));
        Assert.Contains("no_such_source", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Dispose_is_idempotent_and_read_after_dispose_throws()
    {
        Requires.Available(pulse.WhyUnavailable);

        var reader = new PulseCaptureReader("test_sink.monitor", Rate, server: pulse.Server);
        reader.Dispose();
        reader.Dispose();
        Assert.Throws<ObjectDisposedException>(() => reader.Read(new float[16]));
    }

    [Fact]
    public void A_server_that_is_not_there_is_unavailable_and_the_message_names_other_sources()
    {
        using var dir = new TempDirectory();

        var e = Assert.Throws<AudioServerUnavailableException>(() => new PulseCaptureReader(null, Rate, server: "unix:" + dir.File("none.sock")));

        Assert.Contains("--source", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    /// <summary>Share of the energy at <paramref name="frequencyHz"/> (Goertzel): about 1 for a pure tone, about 0 without it.</summary>
    private static double ToneShare(ReadOnlySpan<float> x, double frequencyHz)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequencyHz / Rate);
        double s1 = 0, s2 = 0, energy = 0;
        foreach (var v in x)
        {
            var s0 = v + (coefficient * s1) - s2;
            s2 = s1;
            s1 = s0;
            energy += v * (double)v;
        }

        var power = (s1 * s1) + (s2 * s2) - (coefficient * s1 * s2);
        return energy == 0 ? 0 : 2 * power / (x.Length * energy);
    }
}
