using GenreStream.Streaming.Sources;
using GenreStream.TestSupport;

namespace GenreStream.Streaming.Tests.Sources;

public class WavReaderRobustnessTests
{
    [Theory]
    [InlineData(PcmSampleType.Pcm16, false)]
    [InlineData(PcmSampleType.Ieee32, true)]
    public void Truncation_at_every_offset_gives_a_format_error_or_a_valid_prefix(PcmSampleType type, bool extensible)
    {
        var signal = WavReaderRoundTripTests.Interleaved(2, frames: 40);
        var bytes = new WavFileBuilder { Channels = 2, SampleType = type, Extensible = extensible, ExtraChunks = [("LIST", new byte[5])] }.Build(signal);
        var full = new WavReader(new MemoryStream(bytes)).ReadAll();

        for (var length = 0; length < bytes.Length; length++)
        {
            var samples = ReadOrReject(bytes[..length]);
            if (samples is not null)
            {
                Assert.Equal(full.AsSpan(0, samples.Length).ToArray(), samples);
            }
        }
    }

    [Fact]
    public void Corrupting_any_header_byte_gives_a_format_error_or_finite_samples()
    {
        var clean = new WavFileBuilder { Channels = 2, Extensible = true, ExtraChunks = [("LIST", new byte[3])] }
            .Build(WavReaderRoundTripTests.Interleaved(2, frames: 16));
        var random = new Random(7);
        for (var offset = 0; offset < 80; offset++)
        {
            foreach (var value in new byte[] { 0x00, 0x01, 0x7F, 0x80, 0xFF, (byte)random.Next(256) })
            {
                var bytes = (byte[])clean.Clone();
                bytes[offset] = value;
                var samples = ReadOrReject(bytes);
                Assert.All(samples ?? [], s => Assert.True(float.IsFinite(s)));
            }
        }
    }

    [Fact]
    public void A_huge_declared_data_size_is_never_allocated()
    {
        var bytes = new WavFileBuilder { Channels = 256, SampleType = PcmSampleType.Ieee64, DeclaredDataSize = 0xFFFFFFF0 }
            .Build(new float[256 * 4]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        using (var reader = new WavReader(new PipeLikeStream(bytes)))
        {
            var buffer = new float[4096];
            while (reader.Read(buffer) > 0)
            {
            }
        }

        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
    }

    [Fact]
    public void A_huge_skipped_chunk_on_a_pipe_is_read_past_without_allocating()
    {
        byte[] bytes = [.. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8, .. "LIST"u8, 0xF0, 0xFF, 0xFF, 0xFF, .. new byte[100_000]];

        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<AudioFormatException>(() => new WavReader(new PipeLikeStream(bytes, 1000)));

        Assert.Equal("no 'fmt ' chunk before end of file", e.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 64 * 1024);
    }

    [Fact]
    public void Read_does_not_allocate_once_warm()
    {
        var bytes = new WavFileBuilder { Channels = 2, SampleType = PcmSampleType.Pcm24 }.Build(new float[2 * 400_000]);
        using var reader = new WavReader(new MemoryStream(bytes));
        var buffer = new float[1024];

        // Warm up past tiered compilation, whose call counting may allocate on this thread.
        for (var i = 0; i < 500; i++)
        {
            reader.Read(buffer);
        }

        var total = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 50; i++)
        {
            total += reader.Read(buffer);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(50 * 1024, total);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Buffer_smaller_than_one_frame_is_an_argument_error()
    {
        var bytes = new WavFileBuilder { Channels = 3 }.Build(new float[30]);
        using var reader = new WavReader(new MemoryStream(bytes));

        Assert.Throws<ArgumentException>(() => reader.Read(new float[2]));
    }

    private static float[]? ReadOrReject(byte[] bytes)
    {
        try
        {
            using var reader = new WavReader(new PipeLikeStream(bytes, 5));
            return reader.ReadAll(reader.Format.Channels * 11);
        }
        catch (AudioFormatException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            return null;
        }
    }
}
