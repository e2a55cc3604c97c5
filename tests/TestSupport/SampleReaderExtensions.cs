using GenreStream.Streaming.Sources;
using Xunit;

namespace GenreStream.TestSupport;

/// <summary>Test conveniences over <see cref="ISampleReader"/>.</summary>
public static class SampleReaderExtensions
{
    /// <summary>Reads to the end with a buffer of <paramref name="bufferLength"/> samples, checking every call returns whole frames.</summary>
    public static float[] ReadAll(this ISampleReader reader, int bufferLength = 4096)
    {
        var all = new List<float>();
        var buffer = new float[bufferLength];
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            Assert.Equal(0, n % reader.Format.Channels);
            all.AddRange(buffer.AsSpan(0, n));
        }

        return [.. all];
    }

    /// <summary>Reads to the end with read sizes cycling through <paramref name="lengths"/> (each at least one frame).</summary>
    public static float[] ReadAllInPieces(this ISampleReader reader, params int[] lengths)
    {
        var all = new List<float>();
        var buffer = new float[lengths.Max()];
        for (var i = 0; ; i++)
        {
            var n = reader.Read(buffer.AsSpan(0, lengths[i % lengths.Length]));
            if (n == 0)
            {
                return [.. all];
            }

            Assert.Equal(0, n % reader.Format.Channels);
            all.AddRange(buffer.AsSpan(0, n));
        }
    }
}
