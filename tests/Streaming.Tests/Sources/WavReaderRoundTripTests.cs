using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Sources;
using GenreStream.TestSupport;

namespace GenreStream.Streaming.Tests.Sources;

public class WavReaderRoundTripTests
{
    public static TheoryData<PcmSampleType, int, bool> Encodings()
    {
        var data = new TheoryData<PcmSampleType, int, bool>();
        foreach (var type in Enum.GetValues<PcmSampleType>())
        {
            foreach (var channels in new[] { 1, 2, 6 })
            {
                data.Add(type, channels, false);
                data.Add(type, channels, true);
            }
        }

        data.Add(PcmSampleType.Pcm16, 256, false);
        return data;
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Every_encoding_and_channel_count_round_trips_within_quantisation_error(PcmSampleType type, int channels, bool extensible)
    {
        var signal = Interleaved(channels, frames: 1500);
        var bytes = new WavFileBuilder { SampleRate = 44100, Channels = channels, SampleType = type, Extensible = extensible }.Build(signal);

        using var reader = new WavReader(new MemoryStream(bytes));

        Assert.Equal(new AudioFormat(44100, channels), reader.Format);
        AssertClose(signal, reader.ReadAll(1000), PcmPacker.Tolerance(type));
    }

    [Fact]
    public void Chunks_before_data_are_skipped_including_odd_sized_ones()
    {
        var signal = Signals.Sine(440, 8000, 800);
        var bytes = new WavFileBuilder
        {
            ExtraChunks = [("LIST", new byte[26]), ("fact", new byte[4]), ("junk", new byte[7])],
        }.Build(signal);

        AssertClose(signal, new WavReader(new PipeLikeStream(bytes)).ReadAll(), 1f / 32768);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(0xFFFFFFFFu)]
    [InlineData(0x7FFFFFF0u)]
    public void Unknown_or_too_large_data_size_reads_to_end_of_stream(uint declared)
    {
        var signal = Signals.Sine(440, 8000, 1000);
        var bytes = new WavFileBuilder { DeclaredDataSize = declared }.Build(signal);

        AssertClose(signal, new WavReader(new PipeLikeStream(bytes, 333)).ReadAll(), 1f / 32768);
    }

    [Fact]
    public void Data_size_stops_reading_before_a_trailing_chunk()
    {
        var signal = Signals.Sine(440, 8000, 100);
        var bytes = new WavFileBuilder { Trailer = [.. "LIST"u8, 4, 0, 0, 0, 1, 2, 3, 4] }.Build(signal);

        Assert.Equal(100, new WavReader(new MemoryStream(bytes)).ReadAll().Length);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(13, 2)]
    [InlineData(4096, 5)]
    public void Non_seekable_stream_read_in_odd_pieces_gives_identical_samples(int pipeChunk, int channels)
    {
        var signal = Interleaved(channels, frames: 2000);
        var bytes = new WavFileBuilder { Channels = channels, SampleType = PcmSampleType.Pcm24, ExtraChunks = [("LIST", new byte[9])] }.Build(signal);
        var whole = new WavReader(new MemoryStream(bytes)).ReadAll(1 << 16);

        var pieces = new WavReader(new PipeLikeStream(bytes, pipeChunk)).ReadAllInPieces(channels, (3 * channels) + 1, 997, 64);

        Assert.Equal(whole, pieces);
        Assert.Equal(signal.Length, whole.Length);
    }

    [Fact]
    public void Truncated_final_frame_is_dropped()
    {
        var signal = Interleaved(2, frames: 10);
        var bytes = new WavFileBuilder { Channels = 2, SampleType = PcmSampleType.Pcm16, DeclaredDataSize = 0 }.Build(signal);

        var samples = new WavReader(new MemoryStream(bytes[..^3])).ReadAll();

        Assert.Equal(18, samples.Length);
        AssertClose(signal.AsSpan(0, 18), samples, 1f / 32768);
    }

    [Theory]
    [InlineData(PcmSampleType.Ieee32)]
    [InlineData(PcmSampleType.Ieee64)]
    public void Non_finite_samples_become_zero(PcmSampleType type)
    {
        float[] signal = [0.25f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0.5f];
        var bytes = new WavFileBuilder { SampleType = type }.Build(signal);

        Assert.Equal([0.25f, 0f, 0f, 0f, -0.5f], new WavReader(new MemoryStream(bytes)).ReadAll());
    }

    [Fact]
    public void Open_reads_a_file_and_leave_open_keeps_the_stream()
    {
        using var dir = new TempDirectory();
        var signal = Signals.Sine(1000, 16000, 1600);
        var path = dir.Write("tone.wav", new WavFileBuilder { SampleRate = 16000 }.Build(signal));
        using (var reader = WavReader.Open(path))
        {
            Assert.Equal(AudioFormat.Mono(16000), reader.Format);
            AssertClose(signal, reader.ReadAll(), 1f / 32768);
        }

        using var stream = new MemoryStream(File.ReadAllBytes(path));
        new WavReader(stream, leaveOpen: true).Dispose();
        Assert.True(stream.CanRead);
    }

    internal static float[] Interleaved(int channels, int frames)
    {
        var x = new float[channels * frames];
        for (var c = 0; c < channels; c++)
        {
            var tone = Signals.Sine(100 + (37 * c), 8000, frames, amplitude: 0.9 - (0.003 * c));
            for (var i = 0; i < frames; i++)
            {
                x[(i * channels) + c] = tone[i];
            }
        }

        return x;
    }

    internal static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(expected[i] - actual[i]) > tolerance)
            {
                Assert.Fail($"sample {i}: expected {expected[i]}, got {actual[i]} (tolerance {tolerance})");
            }
        }
    }
}
