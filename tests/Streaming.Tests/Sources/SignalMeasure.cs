namespace GenreStream.Streaming.Tests.Sources;

/// <summary>Rough measurements to check a lossy round trip kept a sine recognisable.</summary>
internal static class SignalMeasure
{
    /// <summary>Frequency in Hz from upward zero crossings of channel 0.</summary>
    public static double ZeroCrossingFrequency(ReadOnlySpan<float> interleaved, int channels, int sampleRate)
    {
        var frames = interleaved.Length / channels;
        int first = -1, last = -1, crossings = 0;
        for (var i = 1; i < frames; i++)
        {
            if (interleaved[(i - 1) * channels] < 0 && interleaved[i * channels] >= 0)
            {
                if (first < 0)
                {
                    first = i;
                }
                else
                {
                    crossings++;
                }

                last = i;
            }
        }

        return crossings == 0 ? 0 : (double)crossings * sampleRate / (last - first);
    }
}
