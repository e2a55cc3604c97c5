namespace GenreStream.Streaming.Sources;

/// <summary>The sample rates and channel counts every reader accepts, with the messages for the rest.</summary>
internal static class FormatLimits
{
    /// <summary>Below this no music is left to classify, and resampling a few header bytes up would make hours of audio.</summary>
    public const int MinSampleRate = 1000;
    public const int MaxSampleRate = 1_000_000;
    public const int MaxChannels = 256;

    /// <summary>Throws unless <paramref name="sampleRate"/> (Hz) is in <see cref="MinSampleRate"/>..<see cref="MaxSampleRate"/>.</summary>
    public static int CheckSampleRate(long sampleRate)
    {
        if (sampleRate <= 0)
        {
            throw new AudioFormatException($"sample rate {sampleRate} Hz is invalid");
        }

        if (sampleRate < MinSampleRate || sampleRate > MaxSampleRate)
        {
            throw new AudioFormatException($"sample rate {sampleRate} Hz is out of range; supported: {MinSampleRate}..{MaxSampleRate} Hz");
        }

        return (int)sampleRate;
    }

    /// <summary>Throws unless <paramref name="channels"/> is in 1..<see cref="MaxChannels"/>; <paramref name="origin"/> names the source ("WAV header").</summary>
    public static int CheckChannels(long channels, string origin)
    {
        if (channels <= 0)
        {
            throw new AudioFormatException($"{origin} declares {channels} channels");
        }

        if (channels > MaxChannels)
        {
            throw new AudioFormatException($"{origin} declares {channels} channels; supported: 1..{MaxChannels}");
        }

        return (int)channels;
    }
}
