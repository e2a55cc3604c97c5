using GenreStream.Streaming.Resampling;
using GenreStream.TestSupport;

namespace GenreStream.Streaming.Tests.Resampling;

public class ChannelMixerTests
{
    [Fact]
    public void Opposite_stereo_channels_cancel()
    {
        var sine = Signals.Sine(440, 22050, 1000);
        var interleaved = new float[2 * sine.Length];
        for (var i = 0; i < sine.Length; i++)
        {
            interleaved[2 * i] = sine[i];
            interleaved[(2 * i) + 1] = -sine[i];
        }

        var mono = new float[sine.Length];
        ChannelMixer.ToMono(interleaved, 2, mono);

        Assert.All(mono, m => Assert.Equal(0f, m));
    }

    [Fact]
    public void Eight_channels_are_averaged()
    {
        const int frames = 50;
        var interleaved = new float[8 * frames];
        for (var i = 0; i < interleaved.Length; i++)
        {
            interleaved[i] = (i % 8) + (i / 8 * 0.01f);
        }

        var mono = new float[frames];
        ChannelMixer.ToMono(interleaved, 8, mono);

        for (var f = 0; f < frames; f++)
        {
            Assert.Equal(3.5f + (f * 0.01f), mono[f], 1e-5f);
        }
    }

    [Fact]
    public void Mono_is_copied()
    {
        var x = Signals.WhiteNoise(100, seed: 1);
        var mono = new float[100];

        ChannelMixer.ToMono(x, 1, mono);

        Assert.Equal(x, mono);
    }

    [Fact]
    public void Partial_frames_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ChannelMixer.ToMono(new float[5], 2, new float[5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChannelMixer.ToMono(new float[4], 0, new float[4]));
    }
}
