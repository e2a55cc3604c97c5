namespace GenreStream.TestSupport;

/// <summary>Levels measured on test signals.</summary>
public static class SignalLevel
{
    /// <summary>Root mean square of <paramref name="samples"/> (mono).</summary>
    public static double Rms(ReadOnlySpan<float> samples) => Rms(samples, 1);

    /// <summary>Root mean square of channel 0 of <paramref name="interleaved"/> samples (0 when there are none).</summary>
    public static double Rms(ReadOnlySpan<float> interleaved, int channels)
    {
        var sum = 0.0;
        var frames = interleaved.Length / channels;
        for (var i = 0; i < frames; i++)
        {
            sum += interleaved[i * channels] * (double)interleaved[i * channels];
        }

        return Math.Sqrt(sum / Math.Max(1, frames));
    }
}
