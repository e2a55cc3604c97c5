using System.Buffers.Binary;

namespace GenreStream.Streaming.Sources;

/// <summary>Converts packed PCM bytes to floats in nominal -1..1; non-finite floats become 0.</summary>
internal static class SampleDecoder
{
    /// <summary>Bytes one sample of <paramref name="encoding"/> occupies.</summary>
    public static int BytesPerSample(SampleEncoding encoding) => encoding switch
    {
        SampleEncoding.UInt8 or SampleEncoding.Int8 or SampleEncoding.MuLaw or SampleEncoding.ALaw => 1,
        SampleEncoding.Int16 => 2,
        SampleEncoding.Int24 => 3,
        SampleEncoding.Int32 or SampleEncoding.Float32 => 4,
        SampleEncoding.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null),
    };

    /// <summary>
    /// Decodes <c>source.Length / BytesPerSample</c> samples into <paramref name="destination"/>,
    /// which must be at least that long.
    /// </summary>
    public static void Decode(ReadOnlySpan<byte> source, Span<float> destination, SampleEncoding encoding, bool bigEndian)
    {
        var count = source.Length / BytesPerSample(encoding);
        destination = destination[..count];
        switch (encoding)
        {
            case SampleEncoding.UInt8:
                for (var i = 0; i < count; i++)
                {
                    destination[i] = (source[i] - 128) / 128f;
                }

                break;
            case SampleEncoding.Int8:
                for (var i = 0; i < count; i++)
                {
                    destination[i] = (sbyte)source[i] / 128f;
                }

                break;
            case SampleEncoding.MuLaw:
                Lookup(source, destination, G711.MuLawTable);
                break;
            case SampleEncoding.ALaw:
                Lookup(source, destination, G711.ALawTable);
                break;
            case SampleEncoding.Int16:
                DecodeInt16(source, destination, bigEndian);
                break;
            case SampleEncoding.Int24:
                DecodeInt24(source, destination, bigEndian);
                break;
            case SampleEncoding.Int32:
                DecodeInt32(source, destination, bigEndian);
                break;
            case SampleEncoding.Float32:
                DecodeFloat32(source, destination, bigEndian);
                break;
            case SampleEncoding.Float64:
                DecodeFloat64(source, destination, bigEndian);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null);
        }
    }

    private static void Lookup(ReadOnlySpan<byte> source, Span<float> destination, ReadOnlySpan<float> table)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = table[source[i]];
        }
    }

    private static void DecodeInt16(ReadOnlySpan<byte> source, Span<float> destination, bool bigEndian)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            var bytes = source.Slice(i * 2, 2);
            var value = bigEndian ? BinaryPrimitives.ReadInt16BigEndian(bytes) : BinaryPrimitives.ReadInt16LittleEndian(bytes);
            destination[i] = value / 32768f;
        }
    }

    private static void DecodeInt24(ReadOnlySpan<byte> source, Span<float> destination, bool bigEndian)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            var b = source.Slice(i * 3, 3);
            var value = bigEndian
                ? (b[0] << 24) | (b[1] << 16) | (b[2] << 8)
                : (b[2] << 24) | (b[1] << 16) | (b[0] << 8);
            destination[i] = (value >> 8) / 8388608f;
        }
    }

    private static void DecodeInt32(ReadOnlySpan<byte> source, Span<float> destination, bool bigEndian)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            var bytes = source.Slice(i * 4, 4);
            var value = bigEndian ? BinaryPrimitives.ReadInt32BigEndian(bytes) : BinaryPrimitives.ReadInt32LittleEndian(bytes);
            destination[i] = (float)(value / 2147483648.0);
        }
    }

    private static void DecodeFloat32(ReadOnlySpan<byte> source, Span<float> destination, bool bigEndian)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            var bytes = source.Slice(i * 4, 4);
            var value = bigEndian ? BinaryPrimitives.ReadSingleBigEndian(bytes) : BinaryPrimitives.ReadSingleLittleEndian(bytes);
            destination[i] = float.IsFinite(value) ? value : 0f;
        }
    }

    private static void DecodeFloat64(ReadOnlySpan<byte> source, Span<float> destination, bool bigEndian)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            var bytes = source.Slice(i * 8, 8);
            var value = (float)(bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes));
            destination[i] = float.IsFinite(value) ? value : 0f;
        }
    }
}
