using GenreStream.Streaming.Resampling;

namespace GenreStream.Streaming.Tests.Resampling;

/// <summary>Drives a <see cref="Resampler"/> over a whole signal, in one block or in random blocks.</summary>
internal static class ResamplerRun
{
    public static float[] Whole(Resampler resampler, float[] input)
    {
        var output = new float[resampler.MaxOutputCount(input.Length) + resampler.MaxFlushCount];
        var count = resampler.Process(input, output);
        count += resampler.Flush(output.AsSpan(count));
        return output[..count];
    }

    public static float[] InRandomBlocks(Resampler resampler, float[] input, int seed, int maxBlock = 5000)
    {
        var random = new Random(seed);
        var output = new List<float>();
        var block = new float[resampler.MaxOutputCount(maxBlock)];
        var position = 0;
        while (position < input.Length)
        {
            var size = Math.Min(random.Next(1, maxBlock + 1), input.Length - position);
            var count = resampler.Process(input.AsSpan(position, size), block);
            output.AddRange(block.AsSpan(0, count));
            position += size;
        }

        var tail = new float[resampler.MaxFlushCount];
        var flushed = resampler.Flush(tail);
        output.AddRange(tail.AsSpan(0, flushed));
        return [.. output];
    }
}
