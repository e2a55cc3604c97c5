using GenreStream.Model.Features;

namespace GenreStream.Model.Tests.Features;

public class TextureAccumulatorTests
{
    [Fact]
    public void Emits_mean_and_std_of_each_window_every_hop()
    {
        const int d = 3;
        const int window = 4;
        const int hop = 2;
        var accumulator = new TextureAccumulator(d, window, hop);
        var frames = Enumerable.Range(0, 10).Select(i => new[] { i, (float)(i * i), 5f }).ToArray();
        var output = new float[2 * d];
        var emittedAt = new List<int>();
        for (var i = 0; i < frames.Length; i++)
        {
            if (!accumulator.Add(frames[i], 0.25f))
            {
                continue;
            }

            emittedAt.Add(i);
            var level = accumulator.Summarise(output);
            var span = frames.Skip(i - window + 1).Take(window).ToArray();
            for (var j = 0; j < d; j++)
            {
                var values = span.Select(f => (double)f[j]).ToArray();
                var mean = values.Average();
                var std = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
                Assert.Equal(mean, output[j], 1e-4);
                Assert.Equal(std, output[d + j], 1e-3);
            }

            Assert.Equal(10 * Math.Log10(0.25), level, 1e-4);
        }

        Assert.Equal(new[] { 3, 5, 7, 9 }, emittedAt);
        Assert.False(accumulator.CanSummarisePartial);
    }

    [Fact]
    public void A_short_stream_gets_one_summary_of_the_frames_it_has()
    {
        var accumulator = new TextureAccumulator(1, 100, 50);
        Assert.False(accumulator.CanSummarisePartial);
        Assert.False(accumulator.Add([2f], 1));
        Assert.False(accumulator.Add([4f], 1));
        Assert.True(accumulator.CanSummarisePartial);
        var output = new float[2];
        accumulator.Summarise(output);
        Assert.Equal(3f, output[0], 1e-6);
        Assert.Equal(1f, output[1], 1e-6);
        Assert.False(accumulator.CanSummarisePartial);
    }
}
