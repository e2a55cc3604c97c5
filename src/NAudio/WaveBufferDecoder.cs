using System.Buffers.Binary;
using GenreStream.Streaming.Sources;
using NAudio.Wave;

namespace GenreStream.NAudio;

/// <summary>
/// Decodes bytes captured in a <see cref="WaveFormat"/> (what WASAPI and <see cref="IWaveIn"/> deliver) into interleaved
/// floats in nominal -1..1: PCM of 8, 16, 24 or 32 bits and IEEE float of 32 or 64 bits, plain or WAVE_FORMAT_EXTENSIBLE.
/// Non-finite floats become 0. Allocates nothing.
/// </summary>
public sealed class WaveBufferDecoder
{
    private readonly WaveFormatEncoding _encoding;

    /// <exception cref="AudioFormatException">An encoding other than PCM or IEEE float (the message names it).</exception>
    public WaveBufferDecoder(WaveFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        (_encoding, BitsPerSample) = EncodingOf(format);
        var supported = (_encoding, BitsPerSample) is (WaveFormatEncoding.Pcm, 8 or 16 or 24 or 32) or (WaveFormatEncoding.IeeeFloat, 32 or 64);
        if (!supported || format.Channels < 1 || format.SampleRate < 1)
        {
            throw new AudioFormatException($"cannot decode {BitsPerSample}-bit {_encoding}, {format.SampleRate} Hz, {format.Channels} ch: PCM 8/16/24/32-bit or IEEE float 32/64-bit is needed");
        }

        Format = format;
        BytesPerFrame = BitsPerSample / 8 * format.Channels;
    }

    /// <summary>The format the bytes are in.</summary>
    public WaveFormat Format { get; }

    /// <summary>Bits of one sample.</summary>
    public int BitsPerSample { get; }

    /// <summary>Bytes of one sample frame (all channels).</summary>
    public int BytesPerFrame { get; }

    /// <summary>Floats that <paramref name="byteCount"/> bytes decode to (whole frames only).</summary>
    public int SampleCount(int byteCount) => byteCount / BytesPerFrame * Format.Channels;

    /// <summary>
    /// Decodes the whole frames of <paramref name="source"/> into <paramref name="destination"/> (at least
    /// <see cref="SampleCount"/> long) and returns the floats written; a trailing partial frame is ignored.
    /// </summary>
    public int Decode(ReadOnlySpan<byte> source, Span<float> destination)
    {
        var count = SampleCount(source.Length);
        destination = destination[..count];
        switch (_encoding, BitsPerSample)
        {
            case (WaveFormatEncoding.Pcm, 8):
                for (var i = 0; i < count; i++)
                {
                    destination[i] = (source[i] - 128) / 128f;
                }

                break;
            case (WaveFormatEncoding.Pcm, 16):
                for (var i = 0; i < count; i++)
                {
                    destination[i] = BinaryPrimitives.ReadInt16LittleEndian(source[(2 * i)..]) / 32768f;
                }

                break;
            case (WaveFormatEncoding.Pcm, 24):
                for (var i = 0; i < count; i++)
                {
                    var b = source.Slice(3 * i, 3);
                    destination[i] = ((b[0] << 8) | (b[1] << 16) | (b[2] << 24)) / 2147483648f;
                }

                break;
            case (WaveFormatEncoding.Pcm, _):
                for (var i = 0; i < count; i++)
                {
                    destination[i] = BinaryPrimitives.ReadInt32LittleEndian(source[(4 * i)..]) / 2147483648f;
                }

                break;
            case (_, 32):
                for (var i = 0; i < count; i++)
                {
                    destination[i] = Finite(BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]));
                }

                break;
            default:
                for (var i = 0; i < count; i++)
                {
                    destination[i] = Finite((float)BinaryPrimitives.ReadDoubleLittleEndian(source[(8 * i)..]));
                }

                break;
        }

        return count;
    }

    /// <summary>The encoding of <paramref name="format"/> with WAVE_FORMAT_EXTENSIBLE resolved to its sub-format.</summary>
    internal static (WaveFormatEncoding Encoding, int Bits) EncodingOf(WaveFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var standard = format.AsStandardWaveFormat();
        return (standard.Encoding, standard.BitsPerSample);
    }

    private static float Finite(float value) => float.IsFinite(value) ? value : 0f;
}
