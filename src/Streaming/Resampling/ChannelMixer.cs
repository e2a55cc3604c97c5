namespace GenreStream.Streaming.Resampling;

/// <summary>Downmixes interleaved multichannel audio to mono.</summary>
public static class ChannelMixer
{
    /// <summary>
    /// Writes the average of the channels of each sample frame of <paramref name="interleaved"/> to <paramref name="mono"/>.
    /// </summary>
    /// <param name="interleaved">Interleaved samples; the length must be a whole number of frames.</param>
    /// <param name="channels">Channels per sample frame, at least 1.</param>
    /// <param name="mono">Destination, at least interleaved.Length / channels samples; only that many are written.</param>
    public static void ToMono(ReadOnlySpan<float> interleaved, int channels, Span<float> mono)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if (interleaved.Length % channels != 0)
        {
            throw new ArgumentException($"{interleaved.Length} samples are not a whole number of {channels}-channel frames.", nameof(interleaved));
        }

        var frames = interleaved.Length / channels;
        if (mono.Length < frames)
        {
            throw new ArgumentException($"Mono output holds {mono.Length} samples; {frames} frames need writing.", nameof(mono));
        }

        switch (channels)
        {
            case 1:
                interleaved.CopyTo(mono);
                break;
            case 2:
                for (var i = 0; i < frames; i++)
                {
                    mono[i] = 0.5f * (interleaved[2 * i] + interleaved[(2 * i) + 1]);
                }

                break;
            default:
                var scale = 1f / channels;
                for (var i = 0; i < frames; i++)
                {
                    var frame = interleaved.Slice(i * channels, channels);
                    var sum = 0f;
                    foreach (var sample in frame)
                    {
                        sum += sample;
                    }

                    mono[i] = sum * scale;
                }

                break;
        }
    }
}
