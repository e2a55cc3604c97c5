using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Sources;
using GenreStream.TestSupport;

namespace GenreStream.Streaming.Tests.Sources;

public class RawPcmReaderTests
{
    [Theory]
    [InlineData(RawSampleFormat.S16LE, PcmSampleType.Pcm16, 1)]
    [InlineData(RawSampleFormat.S16LE, PcmSampleType.Pcm16, 2)]
    [InlineData(RawSampleFormat.F32LE, PcmSampleType.Ieee32, 1)]
    [InlineData(RawSampleFormat.F32LE, PcmSampleType.Ieee32, 2)]
    public void Both_formats_round_trip_from_a_pipe(RawSampleFormat format, PcmSampleType type, int channels)
    {
        var signal = WavReaderRoundTripTests.Interleaved(channels, frames: 3000);
        var bytes = PcmPacker.Pack(signal, type, bigEndian: false);

        using var reader = new RawPcmReader(new PipeLikeStream(bytes, 1001), format, new AudioFormat(48000, channels));

        Assert.Equal(new AudioFormat(48000, channels), reader.Format);
        WavReaderRoundTripTests.AssertClose(signal, reader.ReadAllInPieces(channels * 5, 4096), PcmPacker.Tolerance(type));
    }

    [Fact]
    public void Truncated_final_frame_is_dropped()
    {
        var bytes = PcmPacker.Pack(new float[] { 0.5f, -0.5f, 0.25f }, PcmSampleType.Ieee32, bigEndian: false);

        var samples = new RawPcmReader(new MemoryStream(bytes), RawSampleFormat.F32LE, new AudioFormat(8000, 2)).ReadAll();

        Assert.Equal([0.5f, -0.5f], samples);
    }

    [Theory]
    [InlineData("s16le", RawSampleFormat.S16LE)]
    [InlineData("F32LE", RawSampleFormat.F32LE)]
    [InlineData(" f32Le ", RawSampleFormat.F32LE)]
    public void Parse_accepts_names_in_any_case(string text, RawSampleFormat expected) =>
        Assert.Equal(expected, RawSampleFormat.Parse(text));

    [Fact]
    public void Parse_lists_the_valid_values()
    {
        var e = Assert.Throws<AudioFormatException>(() => RawSampleFormat.Parse("s24le"));
        Assert.Equal("unknown raw sample format 's24le'; valid: s16le, f32le", e.Message);
    }

    [Theory]
    [InlineData(0, 1, "sample rate 0 Hz is invalid")]
    [InlineData(8000, 0, "raw PCM format declares 0 channels")]
    public void Invalid_format_is_rejected(int rate, int channels, string message)
    {
        var e = Assert.Throws<AudioFormatException>(() => new RawPcmReader(new MemoryStream(), RawSampleFormat.S16LE, new AudioFormat(rate, channels)));
        Assert.Equal(message, e.Message);
    }
}
