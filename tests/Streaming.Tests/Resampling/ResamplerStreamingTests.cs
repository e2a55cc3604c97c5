using GenreStream.Streaming.Resampling;
using GenreStream.TestSupport;

namespace GenreStream.Streaming.Tests.Resampling;

public class ResamplerStreamingTests
{
    [Theory]
    [InlineData(44100, 22050, true)]
    [InlineData(48000, 22050, true)]
    [InlineData(8000, 22050, true)]
    [InlineData(192000, 22050, true)]
    [InlineData(44101, 22050, true)]
    [InlineData(48000, 22050, false)]
    [InlineData(8000, 22050, false)]
    public void Random_blocks_give_the_same_output_as_the_whole_signal(int inputRate, int outputRate, bool precompute)
    {
        var input = Signals.MusicLike(inputRate, 3, seed: 7);
        var batch = ResamplerRun.Whole(new Resampler(inputRate, outputRate, precompute), input);

        var streamed = ResamplerRun.InRandomBlocks(new Resampler(inputRate, outputRate, precompute), input, seed: 1234);

        Assert.Equal(batch.Length, streamed.Length);
        for (var n = 0; n < batch.Length; n++)
        {
            Assert.True(Math.Abs(batch[n] - streamed[n]) <= 1e-6, $"sample {n}: {batch[n]} vs {streamed[n]}");
        }
    }

    [Theory]
    [InlineData(44100, 22050, 0)]
    [InlineData(44100, 22050, 1)]
    [InlineData(44100, 22050, 44101)]
    [InlineData(48000, 22050, 4799)]
    [InlineData(8000, 22050, 12345)]
    [InlineData(192000, 22050, 100_001)]
    [InlineData(22050, 22050, 999)]
    [InlineData(3, 7, 10)]
    public void Total_output_count_is_ceiling_of_input_times_ratio(int inputRate, int outputRate, int inputCount)
    {
        var input = Signals.WhiteNoise(inputCount, seed: 3);
        var expected = (int)Math.Ceiling((decimal)inputCount * outputRate / inputRate);

        Assert.Equal(expected, ResamplerRun.Whole(new Resampler(inputRate, outputRate), input).Length);
        Assert.Equal(expected, ResamplerRun.InRandomBlocks(new Resampler(inputRate, outputRate), input, seed: 5, maxBlock: 700).Length);
    }

    [Fact]
    public void Equal_rates_copy_samples_exactly()
    {
        var resampler = new Resampler(22050, 22050);
        var input = Signals.WhiteNoise(10_000, seed: 11);
        var output = new float[input.Length];

        Assert.True(resampler.IsPassThrough);
        Assert.Equal(input.Length, resampler.Process(input, output));
        Assert.Equal(input, output);
        Assert.Equal(0, resampler.Flush([]));
    }

    [Fact]
    public void Flush_resets_so_the_next_stream_starts_at_time_zero()
    {
        var resampler = new Resampler(48000, 22050);
        var first = Signals.MusicLike(48000, 1, seed: 1);
        var second = Signals.MusicLike(48000, 1, seed: 2);
        ResamplerRun.Whole(resampler, first);

        Assert.Equal(ResamplerRun.Whole(new Resampler(48000, 22050), second), ResamplerRun.Whole(resampler, second));
    }

    [Fact]
    public void Extreme_upsampling_produces_every_output()
    {
        var resampler = new Resampler(1, 1_000_000);

        var output = ResamplerRun.Whole(resampler, [1f, 1f]);

        // Two unit samples at times 0 and 1: the band-limited curve is symmetric about t = 0.5 and
        // the output is time-aligned, so output n mirrors output 1_000_000 − n.
        Assert.Equal(2_000_000, output.Length);
        Assert.InRange(output[0], 0.9f, 1.1f);
        foreach (var n in new[] { 0, 1, 12_345, 250_000, 499_999 })
        {
            Assert.Equal(output[n], output[1_000_000 - n], 1e-5f);
        }
    }

    [Theory]
    [InlineData(44100, 22050, true)]
    [InlineData(8000, 22050, false)]
    [InlineData(22050, 22050, true)]
    public void Process_and_flush_do_not_allocate_once_warm(int inputRate, int outputRate, bool precompute)
    {
        var resampler = new Resampler(inputRate, outputRate, precompute);
        var input = Signals.MusicLike(inputRate, 0.5, seed: 9);
        var output = new float[resampler.MaxOutputCount(input.Length)];
        var tail = new float[resampler.MaxFlushCount];
        Run();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            Run();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        void Run()
        {
            for (var offset = 0; offset + 1000 <= input.Length; offset += 1000)
            {
                resampler.Process(input.AsSpan(offset, 1000), output);
            }

            resampler.Flush(tail);
        }
    }

    [Fact]
    public void Table_interpolation_matches_precomputed_phases()
    {
        var input = Signals.MusicLike(48000, 1, seed: 4);
        var exact = ResamplerRun.Whole(new Resampler(48000, 22050, precomputePhases: true), input);
        var table = ResamplerRun.Whole(new Resampler(48000, 22050, precomputePhases: false), input);

        Assert.Equal(exact.Length, table.Length);
        Assert.True(exact.Zip(table, (a, b) => Math.Abs(a - b)).Max() < 1e-4);
    }

    [Fact]
    public void Ten_minutes_of_tone_stays_time_aligned()
    {
        const int inputRate = 44100;
        const int outputRate = 48000;
        const double frequencyHz = 1000;
        var resampler = new Resampler(inputRate, outputRate);
        var input = new float[4096];
        var output = new float[resampler.MaxOutputCount(input.Length)];
        long inputPosition = 0;
        long outputPosition = 0;
        var worst = 0.0;
        while (inputPosition < 600L * inputRate)
        {
            for (var i = 0; i < input.Length; i++)
            {
                input[i] = (float)(0.5 * Math.Sin(2 * Math.PI * frequencyHz * ((inputPosition + i) % inputRate) / inputRate));
            }

            inputPosition += input.Length;
            var count = resampler.Process(input, output);
            for (var n = 0; n < count; n++, outputPosition++)
            {
                if (outputPosition > 10L * outputRate)
                {
                    var expected = 0.5 * Math.Sin(2 * Math.PI * frequencyHz * (outputPosition % outputRate) / outputRate);
                    worst = Math.Max(worst, Math.Abs(output[n] - expected));
                }
            }
        }

        Assert.True(worst < 1e-3, $"worst error {worst}");
    }
}
