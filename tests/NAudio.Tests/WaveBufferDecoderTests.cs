using GenreStream.Streaming.Sources;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace GenreStream.NAudio.Tests;

/// <summary>Our decoding of captured bytes against NAudio's own converters, for every format WASAPI may deliver.</summary>
public class WaveBufferDecoderTests
{
    public static TheoryData<string> Formats => ["pcm8", "pcm16", "pcm24", "pcm32", "float32", "float64", "extensible-float32", "extensible-pcm16"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Decodes_as_naudio_converts(string name)
    {
        var format = name switch
        {
            "pcm8" => new WaveFormat(44100, 8, 2),
            "pcm16" => new WaveFormat(44100, 16, 2),
            "pcm24" => new WaveFormat(44100, 24, 2),
            "pcm32" => new WaveFormat(44100, 32, 2),
            "float32" => WaveFormat.CreateIeeeFloatWaveFormat(44100, 2),
            "float64" => WaveFormat.CreateCustomFormat(WaveFormatEncoding.IeeeFloat, 44100, 2, 44100 * 16, 16, 64),
            "extensible-float32" => new WaveFormatExtensible(44100, 32, 2),
            _ => new WaveFormatExtensible(44100, 16, 2),
        };
        var bytes = new byte[format.BlockAlign * 1000];
        new Random(5).NextBytes(bytes);
        if (WaveBufferDecoder.EncodingOf(format).Encoding == WaveFormatEncoding.IeeeFloat)
        {
            Fill(bytes, format.BitsPerSample);
        }

        var decoder = new WaveBufferDecoder(format);
        var ours = new float[decoder.SampleCount(bytes.Length)];
        Assert.Equal(2000, decoder.Decode(bytes, ours));
        var theirs = new float[2000];
        var naudio = new RawSourceWaveStream(bytes, 0, bytes.Length, format.AsStandardWaveFormat()).ToSampleProvider();
        Assert.Equal(2000, naudio.Read(theirs));

        for (var i = 0; i < ours.Length; i++)
        {
            Assert.True(Math.Abs(ours[i] - theirs[i]) <= 1e-6, $"{name}, sample {i}: ours {ours[i]}, NAudio {theirs[i]}");
        }
    }

    [Fact]
    public void A_partial_frame_at_the_end_is_left_out()
    {
        var decoder = new WaveBufferDecoder(new WaveFormat(48000, 16, 2));
        var output = new float[4];

        Assert.Equal(2, decoder.Decode(new byte[] { 0, 0x40, 0, 0xC0, 1, 2, 3 }, output));
        Assert.Equal([0.5f, -0.5f], output[..2]);
    }

    [Fact]
    public void An_unsupported_encoding_is_refused_naming_it()
    {
        var error = Assert.Throws<AudioFormatException>(() => new WaveBufferDecoder(WaveFormat.CreateALawFormat(8000, 1)));

        Assert.Contains("ALaw", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static void Fill(byte[] bytes, int bits)
    {
        var random = new Random(9);
        for (var i = 0; i < bytes.Length; i += bits / 8)
        {
            var value = (random.NextDouble() * 2) - 1;
            if (bits == 32)
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i), (float)value);
            }
            else
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i), value);
            }
        }
    }
}
