using System.Buffers.Binary;
using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Sources;
using GenreStream.TestSupport;

namespace GenreStream.Streaming.Tests.Sources;

public class AuReaderTests
{
    [Theory]
    [InlineData(2u, PcmSampleType.Pcm8, 1)]
    [InlineData(3u, PcmSampleType.Pcm16, 1)]
    [InlineData(3u, PcmSampleType.Pcm16, 2)]
    [InlineData(4u, PcmSampleType.Pcm24, 2)]
    [InlineData(5u, PcmSampleType.Pcm32, 3)]
    [InlineData(6u, PcmSampleType.Ieee32, 2)]
    [InlineData(7u, PcmSampleType.Ieee64, 1)]
    public void Linear_encodings_round_trip_big_endian(uint encoding, PcmSampleType type, int channels)
    {
        var signal = WavReaderRoundTripTests.Interleaved(channels, frames: 1000);
        var bytes = new AuFileBuilder { Encoding = encoding, Channels = channels, SampleRate = 22050, Annotation = "GTZAN-like\0\0"u8.ToArray() }.Build(signal);

        using var reader = new AuReader(new PipeLikeStream(bytes, 17));

        Assert.Equal(new AudioFormat(22050, channels), reader.Format);
        WavReaderRoundTripTests.AssertClose(signal, reader.ReadAll(999), PcmSampleType.Pcm8 == type ? 1f / 128 : PcmPacker.Tolerance(type));
    }

    [Fact]
    public void Mu_law_decodes_reference_values()
    {
        var bytes = new AuFileBuilder { Encoding = 1 }.BuildRaw([0xFF, 0x7F, 0x80, 0x00, 0xF0, 0x70]);

        var samples = new AuReader(new MemoryStream(bytes)).ReadAll();

        // G.711 µ-law: 0xFF/0x7F are ±0, 0x80/0x00 the extremes ±32124, 0xF0/0x70 segment 0 step 15 = ±120.
        Assert.Equal(new[] { 0f, 0f, 32124 / 32768f, -32124 / 32768f, 120 / 32768f, -120 / 32768f }, samples);
    }

    [Fact]
    public void A_law_decodes_reference_values()
    {
        var bytes = new AuFileBuilder { Encoding = 27 }.BuildRaw([0xD5, 0x55, 0xAA, 0x2A]);

        var samples = new AuReader(new MemoryStream(bytes)).ReadAll();

        // G.711 A-law: 0xD5/0x55 are the smallest steps ±8, 0xAA/0x2A the extremes ±32256.
        Assert.Equal(new[] { 8 / 32768f, -8 / 32768f, 32256 / 32768f, -32256 / 32768f }, samples);
    }

    [Fact]
    public void Unknown_data_size_reads_to_end_and_a_larger_one_stops_at_end()
    {
        var signal = Signals.Sine(440, 8000, 500);
        foreach (var declared in new uint[] { 0xFFFFFFFF, 0x7FFFFFFF })
        {
            var bytes = new AuFileBuilder { DeclaredDataSize = declared }.Build(signal);
            WavReaderRoundTripTests.AssertClose(signal, new AuReader(new PipeLikeStream(bytes, 100)).ReadAll(), 1f / 32768);
        }
    }

    [Theory]
    [InlineData(12, 23u, "unsupported AU encoding 23 (G.72x ADPCM); supported: 1 (µ-law), 2/3/4/5 (8/16/24/32-bit PCM), 6/7 (float 32/64), 27 (A-law)")]
    [InlineData(16, 0u, "sample rate 0 Hz is invalid")]
    [InlineData(16, 2_000_000u, "sample rate 2000000 Hz is out of range")]
    [InlineData(20, 0u, "AU header declares 0 channels")]
    [InlineData(20, 1000u, "AU header declares 1000 channels; supported: 1..256")]
    [InlineData(4, 8u, "AU data offset 8 is inside the 24-byte header")]
    [InlineData(4, 100_000u, "AU file ends before its data offset 100000")]
    public void Bad_header_fields_give_a_clear_message(int offset, uint value, string message)
    {
        var bytes = new AuFileBuilder().Build(new float[8]);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(offset), value);

        var e = Assert.Throws<AudioFormatException>(() => new AuReader(new PipeLikeStream(bytes)));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncation_and_bad_magic_are_format_errors()
    {
        var bytes = new AuFileBuilder { Channels = 2, Annotation = new byte[8] }.Build(WavReaderRoundTripTests.Interleaved(2, 20));
        var full = new AuReader(new MemoryStream(bytes)).ReadAll();

        for (var length = 0; length < bytes.Length; length++)
        {
            float[] samples;
            try
            {
                samples = new AuReader(new PipeLikeStream(bytes[..length], 3)).ReadAll(6);
            }
            catch (AudioFormatException)
            {
                Assert.True(length < 32, $"valid prefix of {length} bytes rejected");
                continue;
            }

            Assert.Equal(full.AsSpan(0, samples.Length).ToArray(), samples);
        }

        var e = Assert.Throws<AudioFormatException>(() => new AuReader(new MemoryStream("RIFF...."u8.ToArray())));
        Assert.Equal("not an AU file (no '.snd' header)", e.Message);
    }

    [Fact]
    public void Open_reads_a_file()
    {
        using var dir = new TempDirectory();
        var signal = Signals.Sine(220, 22050, 2205);
        var path = dir.Write("blues.au", new AuFileBuilder { SampleRate = 22050 }.Build(signal));

        using var reader = AuReader.Open(path);

        Assert.Equal(AudioFormat.Mono(22050), reader.Format);
        WavReaderRoundTripTests.AssertClose(signal, reader.ReadAll(), 1f / 32768);
    }
}
