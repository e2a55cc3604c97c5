using System.Buffers.Binary;

namespace GenreStream.TestSupport;

/// <summary>Writes WAV bytes for tests, with knobs for the odd files real tools produce.</summary>
public sealed class WavFileBuilder
{
    public int SampleRate { get; init; } = 8000;

    public int Channels { get; init; } = 1;

    public PcmSampleType SampleType { get; init; } = PcmSampleType.Pcm16;

    /// <summary>Write WAVE_FORMAT_EXTENSIBLE (0xFFFE) with a PCM/float sub-format GUID.</summary>
    public bool Extensible { get; init; }

    /// <summary>Chunks (id, payload) written between 'fmt ' and 'data'; odd payloads get a pad byte.</summary>
    public IReadOnlyList<(string Id, byte[] Payload)> ExtraChunks { get; init; } = [];

    /// <summary>Value written as the 'data' size instead of the true one (0, 0xFFFFFFFF, too large...).</summary>
    public uint? DeclaredDataSize { get; init; }

    /// <summary>Bytes appended after the sample data (e.g. a trailing chunk).</summary>
    public byte[] Trailer { get; init; } = [];

    public byte[] Build(ReadOnlySpan<float> interleaved) => BuildRaw(PcmPacker.Pack(interleaved, SampleType, bigEndian: false));

    /// <summary>Wraps already packed sample bytes.</summary>
    public byte[] BuildRaw(byte[] data)
    {
        using var s = new MemoryStream();
        using var w = new BinaryWriter(s);
        var bits = PcmPacker.BytesPerSample(SampleType) * 8;
        var tag = SampleType is PcmSampleType.Ieee32 or PcmSampleType.Ieee64 ? (ushort)3 : (ushort)1;
        w.Write("RIFF"u8);
        w.Write(0u);
        w.Write("WAVE"u8);
        w.Write("fmt "u8);
        w.Write(Extensible ? 40u : 16u);
        w.Write(Extensible ? (ushort)0xFFFE : tag);
        w.Write((ushort)Channels);
        w.Write(SampleRate);
        w.Write(SampleRate * Channels * bits / 8);
        w.Write((ushort)(Channels * bits / 8));
        w.Write((ushort)bits);
        if (Extensible)
        {
            w.Write((ushort)22);
            w.Write((ushort)bits);
            w.Write(0u);
            w.Write(tag);
            w.Write(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 });
        }

        foreach (var (id, payload) in ExtraChunks)
        {
            w.Write(System.Text.Encoding.ASCII.GetBytes(id));
            w.Write((uint)payload.Length);
            w.Write(payload);
            if (payload.Length % 2 == 1)
            {
                w.Write((byte)0);
            }
        }

        w.Write("data"u8);
        w.Write(DeclaredDataSize ?? (uint)data.Length);
        w.Write(data);
        w.Write(Trailer);
        w.Flush();
        var bytes = s.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        return bytes;
    }
}
