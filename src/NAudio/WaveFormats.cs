using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Sources;
using NAudio.Wave;

namespace GenreStream.NAudio;

/// <summary>NAudio's <see cref="WaveFormat"/> where the genre stream takes a format, and back.</summary>
public static class WaveFormats
{
    /// <summary>The rate and channels of <paramref name="format"/> (whatever its encoding).</summary>
    public static AudioFormat ToAudioFormat(this WaveFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return new AudioFormat(format.SampleRate, format.Channels);
    }

    /// <summary>The 32-bit IEEE float <see cref="WaveFormat"/> of <paramref name="format"/> (what an <see cref="ISampleProvider"/> reports).</summary>
    public static WaveFormat ToWaveFormat(this AudioFormat format) =>
        WaveFormat.CreateIeeeFloatWaveFormat(format.SampleRate, format.Channels);

    /// <summary>
    /// The raw PCM input (<c>--format/--rate/--channels</c>) that reads bytes laid out as <paramref name="format"/>:
    /// 16-bit PCM or 32-bit IEEE float, plain or WAVE_FORMAT_EXTENSIBLE.
    /// </summary>
    /// <exception cref="AudioFormatException">Any other encoding; the message names it.</exception>
    public static RawInput ToRawInput(this WaveFormat format)
    {
        var sample = WaveBufferDecoder.EncodingOf(format) switch
        {
            (WaveFormatEncoding.Pcm, 16) => RawSampleFormat.S16LE,
            (WaveFormatEncoding.IeeeFloat, 32) => RawSampleFormat.F32LE,
            var (encoding, bits) => throw new AudioFormatException($"raw input reads 16-bit PCM or 32-bit float, not {bits}-bit {encoding}"),
        };
        return new RawInput(sample, format.SampleRate, format.Channels);
    }
}
