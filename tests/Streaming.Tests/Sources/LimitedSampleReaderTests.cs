using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Sources;

namespace GenreStream.Streaming.Tests.Sources;

public class LimitedSampleReaderTests
{
    /// <summary>Interleaved stereo f32 PCM of <paramref name="frames"/> frames at 1000 Hz, each sample its frame's index.</summary>
    private static RawPcmReader Stereo(int frames)
    {
        var bytes = new byte[frames * 2 * sizeof(float)];
        for (var i = 0; i < frames * 2; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * sizeof(float)), (float)(i / 2));
        }

        return new RawPcmReader(new MemoryStream(bytes), RawSampleFormat.F32LE, new AudioFormat(1000, 2));
    }

    [Fact]
    public void Ends_after_the_limit_in_whole_frames_and_says_so_once()
    {
        var limits = 0;
        using var reader = new LimitedSampleReader(Stereo(1000), 0.0257) { OnLimit = () => limits++ };
        var buffer = new float[14]; // 7 frames
        var read = new List<float>();
        int count;
        while ((count = reader.Read(buffer)) > 0)
        {
            Assert.Equal(0, count % 2);
            read.AddRange(buffer.AsSpan(0, count).ToArray());
        }

        Assert.Equal(26 * 2, read.Count); // 0.0257 s at 1000 Hz rounds to 26 frames
        Assert.Equal(25f, read[^1]);
        Assert.Equal(1, limits);
    }

    [Fact]
    public void A_source_that_ends_first_is_not_reported_as_the_limit()
    {
        var limits = 0;
        using var reader = new LimitedSampleReader(Stereo(10), 5) { OnLimit = () => limits++ };
        var buffer = new float[64];
        var total = 0;
        int count;
        while ((count = reader.Read(buffer)) > 0)
        {
            total += count;
        }

        Assert.Equal(20, total);
        Assert.Equal(0, limits);
    }
}
