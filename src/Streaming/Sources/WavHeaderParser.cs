using System.Buffers.Binary;
using GenreStream.Streaming.Audio;

namespace GenreStream.Streaming.Sources;

/// <summary>
/// Reads a RIFF/WAVE header up to the first byte of the 'data' chunk, skipping any other chunk,
/// and validates every field it uses.
/// </summary>
internal static class WavHeaderParser
{
    private const ushort FormatPcm = 0x0001;
    private const ushort FormatFloat = 0x0003;
    private const ushort FormatExtensible = 0xFFFE;
    private const int ExtensibleFmtBytes = 40;
    private const string Supported = "supported: PCM 8/16/24/32-bit, float 32/64";

    // The KSDATAFORMAT_SUBTYPE GUIDs are {tag}-0000-0010-8000-00AA00389B71; bytes 2..15 in file order.
    private static ReadOnlySpan<byte> SubFormatTail => [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    public static PcmLayout Parse(Stream stream)
    {
        Span<byte> header = stackalloc byte[12];
        if (stream.ReadFully(header) < header.Length
            || !header[..4].SequenceEqual("RIFF"u8)
            || !header[8..12].SequenceEqual("WAVE"u8))
        {
            throw new AudioFormatException("not a WAV file (no RIFF/WAVE header)");
        }

        Span<byte> chunk = stackalloc byte[8];
        Span<byte> fmt = stackalloc byte[ExtensibleFmtBytes];
        (SampleEncoding Encoding, AudioFormat Format)? format = null;
        while (true)
        {
            if (stream.ReadFully(chunk) < chunk.Length)
            {
                throw MissingChunk(format is null);
            }

            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            var id = chunk[..4];
            if (id.SequenceEqual("fmt "u8))
            {
                format = ParseFmt(stream, size, fmt);
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format is not { } f)
                {
                    throw new AudioFormatException("WAV 'data' chunk comes before the 'fmt ' chunk");
                }

                long? dataBytes = size is 0 or uint.MaxValue ? null : size;
                return new PcmLayout(f.Encoding, BigEndian: false, f.Format, dataBytes);
            }
            else if (!stream.Skip(size + (size & 1)))
            {
                throw MissingChunk(format is null);
            }
        }
    }

    private static AudioFormatException MissingChunk(bool fmtMissing) =>
        new(fmtMissing ? "no 'fmt ' chunk before end of file" : "no 'data' chunk before end of file");

    private static (SampleEncoding, AudioFormat) ParseFmt(Stream stream, uint size, Span<byte> fmt)
    {
        if (size < 16)
        {
            throw new AudioFormatException($"WAV 'fmt ' chunk is {size} bytes; at least 16 are needed");
        }

        var kept = (int)Math.Min(size, (uint)fmt.Length);
        fmt = fmt[..kept];
        if (stream.ReadFully(fmt) < kept || !stream.Skip(size - kept + (size & 1)))
        {
            throw new AudioFormatException("WAV file ends inside its 'fmt ' chunk");
        }

        var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (tag == FormatExtensible)
        {
            tag = ParseSubFormat(fmt);
        }

        if (tag is not (FormatPcm or FormatFloat))
        {
            throw new AudioFormatException($"unsupported WAV encoding: format tag 0x{tag:X4}{DescribeTag(tag)}; {Supported}");
        }

        var encoding = (tag, bits) switch
        {
            (FormatPcm, 8) => SampleEncoding.UInt8,
            (FormatPcm, 16) => SampleEncoding.Int16,
            (FormatPcm, 24) => SampleEncoding.Int24,
            (FormatPcm, 32) => SampleEncoding.Int32,
            (FormatFloat, 32) => SampleEncoding.Float32,
            (FormatFloat, 64) => SampleEncoding.Float64,
            _ => throw new AudioFormatException($"unsupported WAV encoding: {bits}-bit {(tag == FormatPcm ? "PCM" : "float")}; {Supported}"),
        };
        var format = new AudioFormat(FormatLimits.CheckSampleRate(sampleRate), FormatLimits.CheckChannels(channels, "WAV header"));
        var expectedAlign = channels * (bits / 8);
        if (blockAlign != expectedAlign)
        {
            throw new AudioFormatException($"WAV block align {blockAlign} does not match {channels} channels of {bits} bits (expected {expectedAlign})");
        }

        return (encoding, format);
    }

    private static ushort ParseSubFormat(ReadOnlySpan<byte> fmt)
    {
        if (fmt.Length < ExtensibleFmtBytes || BinaryPrimitives.ReadUInt16LittleEndian(fmt[16..]) < 22)
        {
            throw new AudioFormatException("WAV extensible 'fmt ' chunk is too short to hold its sub-format");
        }

        var subFormat = fmt[24..40];
        if (!subFormat[2..].SequenceEqual(SubFormatTail))
        {
            throw new AudioFormatException($"unsupported WAV encoding: extensible sub-format {Convert.ToHexString(subFormat)}; {Supported}");
        }

        return BinaryPrimitives.ReadUInt16LittleEndian(subFormat);
    }

    private static string DescribeTag(ushort tag) => tag switch
    {
        0x0002 => " (Microsoft ADPCM)",
        0x0006 => " (A-law)",
        0x0007 => " (µ-law)",
        0x0011 => " (IMA ADPCM)",
        0x0050 => " (MPEG inside WAV)",
        0x0055 => " (MP3 inside WAV)",
        0x0161 or 0x0162 or 0x0163 => " (WMA inside WAV)",
        0x2000 => " (AC-3 inside WAV)",
        _ => string.Empty,
    };
}
