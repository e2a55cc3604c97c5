using System.Buffers.Binary;

namespace GenreStream.TestSupport;

/// <summary>Test-side quantiser: packs floats into PCM bytes, independent of the code under test.</summary>
public static class PcmPacker
{
    public static int BytesPerSample(PcmSampleType type) => type switch
    {
        PcmSampleType.Pcm8 => 1,
        PcmSampleType.Pcm16 => 2,
        PcmSampleType.Pcm24 => 3,
        PcmSampleType.Pcm32 or PcmSampleType.Ieee32 => 4,
        PcmSampleType.Ieee64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Largest difference a round trip through <paramref name="type"/> may introduce for samples in -1..1.</summary>
    public static float Tolerance(PcmSampleType type) => type switch
    {
        PcmSampleType.Pcm8 => 1f / 128,
        PcmSampleType.Pcm16 => 1f / 32768,
        PcmSampleType.Pcm24 => 1f / 8388608,
        _ => 1e-7f,
    };

    /// <summary>Packs samples; 8-bit is unsigned (offset 128) unless <paramref name="signed8"/>.</summary>
    public static byte[] Pack(ReadOnlySpan<float> samples, PcmSampleType type, bool bigEndian, bool signed8 = false)
    {
        var size = BytesPerSample(type);
        var bytes = new byte[samples.Length * size];
        for (var i = 0; i < samples.Length; i++)
        {
            var d = bytes.AsSpan(i * size, size);
            var x = (double)samples[i];
            switch (type)
            {
                case PcmSampleType.Pcm8:
                    var v8 = (int)Quantise(x, 128);
                    d[0] = signed8 ? (byte)(sbyte)v8 : (byte)(v8 + 128);
                    break;
                case PcmSampleType.Pcm16:
                    var v16 = (short)Quantise(x, 32768);
                    if (bigEndian) { BinaryPrimitives.WriteInt16BigEndian(d, v16); } else { BinaryPrimitives.WriteInt16LittleEndian(d, v16); }
                    break;
                case PcmSampleType.Pcm24:
                    var v24 = (int)Quantise(x, 8388608);
                    if (bigEndian) { d[0] = (byte)(v24 >> 16); d[1] = (byte)(v24 >> 8); d[2] = (byte)v24; } else { d[2] = (byte)(v24 >> 16); d[1] = (byte)(v24 >> 8); d[0] = (byte)v24; }
                    break;
                case PcmSampleType.Pcm32:
                    var v32 = (int)Quantise(x, 2147483648);
                    if (bigEndian) { BinaryPrimitives.WriteInt32BigEndian(d, v32); } else { BinaryPrimitives.WriteInt32LittleEndian(d, v32); }
                    break;
                case PcmSampleType.Ieee32:
                    if (bigEndian) { BinaryPrimitives.WriteSingleBigEndian(d, samples[i]); } else { BinaryPrimitives.WriteSingleLittleEndian(d, samples[i]); }
                    break;
                case PcmSampleType.Ieee64:
                    if (bigEndian) { BinaryPrimitives.WriteDoubleBigEndian(d, x); } else { BinaryPrimitives.WriteDoubleLittleEndian(d, x); }
                    break;
            }
        }

        return bytes;
    }

    private static long Quantise(double x, double fullScale) =>
        (long)Math.Clamp(Math.Round(x * fullScale), -fullScale, fullScale - 1);
}
