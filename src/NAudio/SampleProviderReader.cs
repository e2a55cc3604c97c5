using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Sources;
using NAudio.Wave;

namespace GenreStream.NAudio;

/// <summary>
/// Any NAudio <see cref="ISampleProvider"/> (a file reader, a generator, a mixer, a player's chain) as the genre stream's
/// <see cref="ISampleReader"/>. NAudio's contract is the same pull of interleaved floats with 0 at the end; this adds the
/// reader's promise of whole sample frames, by reading on when a provider stops inside a frame.
/// </summary>
public sealed class SampleProviderReader : ISampleReader
{
    private readonly ISampleProvider _provider;
    private readonly IDisposable? _owned;

    /// <param name="provider">The source; its <see cref="ISampleProvider.WaveFormat"/> gives rate and channels.</param>
    /// <param name="owned">Disposed with this reader (e.g. the file reader under <paramref name="provider"/>), or null.</param>
    public SampleProviderReader(ISampleProvider provider, IDisposable? owned = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var format = provider.WaveFormat ?? throw new ArgumentException("the sample provider has no WaveFormat", nameof(provider));
        if (format.SampleRate < 1 || format.Channels < 1)
        {
            throw new AudioFormatException($"a sample provider of {format.SampleRate} Hz and {format.Channels} channels cannot be classified");
        }

        _provider = provider;
        _owned = owned;
        Format = format.ToAudioFormat();
    }

    /// <inheritdoc/>
    public AudioFormat Format { get; }

    /// <inheritdoc/>
    public int Read(Span<float> buffer)
    {
        var channels = Format.Channels;
        var wanted = buffer.Length - (buffer.Length % channels);
        if (wanted == 0)
        {
            throw new ArgumentException($"the buffer must hold at least one frame ({channels} samples)", nameof(buffer));
        }

        var count = _provider.Read(buffer[..wanted]);
        while (count % channels != 0)
        {
            var more = _provider.Read(buffer[count..(count + channels - (count % channels))]);
            if (more <= 0)
            {
                count -= count % channels; // a frame cut off by the end of the stream is dropped
                break;
            }

            count += more;
        }

        Sanitize(buffer[..count]);
        return count;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _owned?.Dispose();
        (_provider as IDisposable)?.Dispose();
    }

    private static void Sanitize(Span<float> samples)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            if (!float.IsFinite(samples[i]))
            {
                samples[i] = 0f;
            }
        }
    }
}
