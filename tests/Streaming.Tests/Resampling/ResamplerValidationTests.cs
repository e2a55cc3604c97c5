using GenreStream.Streaming.Resampling;

namespace GenreStream.Streaming.Tests.Resampling;

public class ResamplerValidationTests
{
    [Theory]
    [InlineData(0, 22050)]
    [InlineData(-1, 22050)]
    [InlineData(1_000_001, 22050)]
    [InlineData(44100, 0)]
    [InlineData(44100, 1_000_001)]
    public void Rates_outside_1_to_1_000_000_Hz_are_rejected(int inputRate, int outputRate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Resampler(inputRate, outputRate));
    }

    [Fact]
    public void Output_shorter_than_the_bound_is_rejected()
    {
        var resampler = new Resampler(8000, 22050);
        var input = new float[100];
        var output = new float[resampler.MaxOutputCount(input.Length) - 1];

        Assert.Throws<ArgumentException>(() => resampler.Process(input, output));
    }

    [Fact]
    public void Process_never_writes_more_than_the_bound()
    {
        var resampler = new Resampler(8000, 22050);
        var output = new float[resampler.MaxOutputCount(1)];
        var total = 0;
        for (var i = 0; i < 1000; i++)
        {
            var count = resampler.Process([0.1f], output);
            Assert.InRange(count, 0, output.Length);
            total += count;
        }

        Assert.Equal((int)Math.Ceiling(1000 * 22050 / 8000.0), total + resampler.Flush(new float[resampler.MaxFlushCount]));
    }
}
