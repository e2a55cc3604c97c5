using System.Buffers.Binary;
using GenreStream.Streaming.Audio;

namespace GenreStream.Streaming.Sources;

/// <summary>Reads a Sun/NeXT .au header (big-endian) and skips its annotation up to the data offset.</summary>
internal static class AuHeaderParser
{
    private const int HeaderBytes = 24;
    private const string Supported = "supported: 1 (µ-law), 2/3/4/5 (8/16/24/32-bit PCM), 6/7 (float 32/64), 27 (A-law)";

    public static PcmLayout Parse(Stream stream)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        if (stream.ReadFully(header[..4]) < 4 || !header[..4].SequenceEqual(".snd"u8))
        {
            throw new AudioFormatException("not an AU file (no '.snd' header)");
        }

        if (stream.ReadFully(header[4..]) < HeaderBytes - 4)
        {
            throw new AudioFormatException("AU file ends inside its 24-byte header");
        }

        var dataOffset = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        var dataSize = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
        var code = BinaryPrimitives.ReadUInt32BigEndian(header[12..]);
        var sampleRate = BinaryPrimitives.ReadUInt32BigEndian(header[16..]);
        var channels = BinaryPrimitives.ReadUInt32BigEndian(header[20..]);
        var encoding = code switch
        {
            1 => SampleEncoding.MuLaw,
            2 => SampleEncoding.Int8,
            3 => SampleEncoding.Int16,
            4 => SampleEncoding.Int24,
            5 => SampleEncoding.Int32,
            6 => SampleEncoding.Float32,
            7 => SampleEncoding.Float64,
            27 => SampleEncoding.ALaw,
            _ => throw new AudioFormatException($"unsupported AU encoding {code}{DescribeEncoding(code)}; {Supported}"),
        };
        var format = new AudioFormat(FormatLimits.CheckSampleRate(sampleRate), FormatLimits.CheckChannels(channels, "AU header"));
        if (dataOffset < HeaderBytes)
        {
            throw new AudioFormatException($"AU data offset {dataOffset} is inside the 24-byte header");
        }

        if (!stream.Skip(dataOffset - HeaderBytes))
        {
            throw new AudioFormatException($"AU file ends before its data offset {dataOffset}");
        }

        long? dataBytes = dataSize == uint.MaxValue ? null : dataSize;
        return new PcmLayout(encoding, BigEndian: true, format, dataBytes);
    }

    private static string DescribeEncoding(uint code) => code switch
    {
        23 or 24 or 25 or 26 => " (G.72x ADPCM)",
        8 or 9 or 10 or 11 or 12 or 13 or 14 or 15 or 16 or 17 or 18 => " (NeXT DSP format)",
        _ => string.Empty,
    };
}
