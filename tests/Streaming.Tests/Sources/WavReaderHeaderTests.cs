using System.Buffers.Binary;
using GenreStream.Streaming.Sources;
using GenreStream.TestSupport;

namespace GenreStream.Streaming.Tests.Sources;

public class WavReaderHeaderTests
{
    // Offsets into a plain 44-byte header written by WavFileBuilder.
    private const int FormatTag = 20;
    private const int ChannelCount = 22;
    private const int SampleRate = 24;
    private const int BlockAlign = 32;
    private const int BitsPerSample = 34;

    [Theory]
    [InlineData(FormatTag, 0x0055, "unsupported WAV encoding: format tag 0x0055 (MP3 inside WAV); supported: PCM 8/16/24/32-bit, float 32/64")]
    [InlineData(FormatTag, 0x0011, "format tag 0x0011 (IMA ADPCM)")]
    [InlineData(ChannelCount, 0, "WAV header declares 0 channels")]
    [InlineData(ChannelCount, 300, "WAV header declares 300 channels; supported: 1..256")]
    [InlineData(BitsPerSample, 12, "unsupported WAV encoding: 12-bit PCM")]
    [InlineData(BlockAlign, 3, "WAV block align 3 does not match 1 channels of 16 bits (expected 2)")]
    public void Bad_16_bit_fields_give_a_clear_message(int offset, int value, string message)
    {
        var bytes = Valid();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset), (ushort)value);

        AssertRejected(bytes, message);
    }

    [Theory]
    [InlineData(0u, "sample rate 0 Hz is invalid")]
    [InlineData(1_000_001u, "sample rate 1000001 Hz is out of range; supported: 1000..1000000 Hz")]
    [InlineData(999u, "sample rate 999 Hz is out of range; supported: 1000..1000000 Hz")]
    [InlineData(0xFFFFFFFFu, "sample rate 4294967295 Hz is out of range")]
    public void Bad_sample_rate_gives_a_clear_message(uint rate, string message)
    {
        var bytes = Valid();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(SampleRate), rate);

        AssertRejected(bytes, message);
    }

    [Fact]
    public void Extreme_but_valid_sample_rates_are_accepted()
    {
        foreach (var rate in new uint[] { 1000, 1_000_000 })
        {
            var bytes = Valid();
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(SampleRate), rate);
            Assert.Equal((int)rate, new WavReader(new MemoryStream(bytes)).Format.SampleRate);
        }
    }

    [Fact]
    public void Float_with_integer_bit_depth_is_rejected()
    {
        var bytes = Valid();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(FormatTag), 3);

        AssertRejected(bytes, "unsupported WAV encoding: 16-bit float");
    }

    [Fact]
    public void Unknown_extensible_sub_format_is_rejected()
    {
        var bytes = new WavFileBuilder { Extensible = true }.Build(new float[4]);
        bytes[44] = 0x55;

        AssertRejected(bytes, "unsupported WAV encoding: format tag 0x0055 (MP3 inside WAV)");
        bytes[46] = 0x77;
        AssertRejected(bytes, "extensible sub-format");
    }

    [Fact]
    public void Files_that_are_not_wav_or_lack_chunks_are_named()
    {
        AssertRejected("ID3\u0004 this is an mp3"u8.ToArray(), "not a WAV file (no RIFF/WAVE header)");
        AssertRejected([], "not a WAV file (no RIFF/WAVE header)");
        AssertRejected([.. "RIFF"u8, 4, 0, 0, 0, .. "WAVE"u8], "no 'fmt ' chunk before end of file");
        AssertRejected(Valid()[..36], "no 'data' chunk before end of file");
        AssertRejected([.. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8, .. "data"u8, 0, 0, 0, 0], "WAV 'data' chunk comes before the 'fmt ' chunk");
    }

    [Fact]
    public void Open_prefixes_the_message_with_the_path()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.wav", [.. "RIFF"u8, 4, 0, 0, 0, .. "WAVE"u8]);

        var e = Assert.Throws<AudioFormatException>(() => WavReader.Open(path));
        Assert.Equal($"{path}: no 'fmt ' chunk before end of file", e.Message);
    }

    private static byte[] Valid() => new WavFileBuilder().Build(Signals.Sine(440, 8000, 64));

    private static void AssertRejected(byte[] bytes, string message)
    {
        var e = Assert.Throws<AudioFormatException>(() => new WavReader(new MemoryStream(bytes)));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
