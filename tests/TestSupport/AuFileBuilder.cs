using System.Buffers.Binary;

namespace GenreStream.TestSupport;

/// <summary>Writes Sun/NeXT .au bytes (big-endian) for tests.</summary>
public sealed class AuFileBuilder
{
    public int SampleRate { get; init; } = 8000;

    public int Channels { get; init; } = 1;

    /// <summary>AU encoding code: 1 µ-law, 2..5 PCM 8..32-bit, 6/7 float, 27 A-law.</summary>
    public uint Encoding { get; init; } = 3;

    /// <summary>Annotation bytes between the 24-byte header and the data.</summary>
    public byte[] Annotation { get; init; } = [];

    /// <summary>Value written as the data size instead of the true one (e.g. 0xFFFFFFFF).</summary>
    public uint? DeclaredDataSize { get; init; }

    /// <summary>Packs linear samples for encodings 2..7.</summary>
    public byte[] Build(ReadOnlySpan<float> interleaved)
    {
        var type = Encoding switch
        {
            2 => PcmSampleType.Pcm8,
            3 => PcmSampleType.Pcm16,
            4 => PcmSampleType.Pcm24,
            5 => PcmSampleType.Pcm32,
            6 => PcmSampleType.Ieee32,
            7 => PcmSampleType.Ieee64,
            _ => throw new InvalidOperationException($"encoding {Encoding} needs BuildRaw"),
        };
        return BuildRaw(PcmPacker.Pack(interleaved, type, bigEndian: true, signed8: true));
    }

    /// <summary>Wraps already encoded sample bytes.</summary>
    public byte[] BuildRaw(byte[] data)
    {
        var bytes = new byte[24 + Annotation.Length + data.Length];
        var h = bytes.AsSpan();
        ".snd"u8.CopyTo(h);
        BinaryPrimitives.WriteUInt32BigEndian(h[4..], (uint)(24 + Annotation.Length));
        BinaryPrimitives.WriteUInt32BigEndian(h[8..], DeclaredDataSize ?? (uint)data.Length);
        BinaryPrimitives.WriteUInt32BigEndian(h[12..], Encoding);
        BinaryPrimitives.WriteUInt32BigEndian(h[16..], (uint)SampleRate);
        BinaryPrimitives.WriteUInt32BigEndian(h[20..], (uint)Channels);
        Annotation.CopyTo(h[24..]);
        data.CopyTo(h[(24 + Annotation.Length)..]);
        return bytes;
    }
}
