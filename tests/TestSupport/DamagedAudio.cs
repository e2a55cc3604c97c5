using System.Buffers.Binary;
using System.Text;

namespace GenreStream.TestSupport;

/// <summary>The container a damaged input started from, which says which reader it is meant for.</summary>
public enum DamagedContainer
{
    Wav,
    Au,

    /// <summary>Headerless PCM; <see cref="DamagedInput.Raw"/> says how it is meant to be read.</summary>
    Raw,
}

/// <summary>How a raw input is meant to be read: <c>s16le</c> or <c>f32le</c>, rate (Hz) and channels.</summary>
public sealed record RawLayout(string Format, int SampleRate, int Channels);

/// <summary>One damaged input: the bytes, what they started as and what was done to them.</summary>
/// <param name="Seed">The generator's seed; with <paramref name="Index"/> it rebuilds the input.</param>
/// <param name="Index">Position in the sequence.</param>
/// <param name="Container">What the bytes started as.</param>
/// <param name="Description">The base file and every mutation applied, for failure messages.</param>
/// <param name="Bytes">The file's content.</param>
/// <param name="Raw">For <see cref="DamagedContainer.Raw"/>, how it is meant to be read.</param>
/// <param name="HugeDeclaredSize">A size field now claims far more than the file holds.</param>
public sealed record DamagedInput(int Seed, int Index, DamagedContainer Container, string Description, byte[] Bytes, RawLayout? Raw, bool HugeDeclaredSize)
{
    /// <summary>A file name that says nothing of the content (so ffmpeg cannot guess from it).</summary>
    public string FileName => $"input-{Index:D5}.bin";

    /// <summary>Seed, index, description and the first bytes in hex: enough to rebuild and look at the input.</summary>
    public override string ToString() =>
        $"seed {Seed}, input #{Index} ({Container}, {Bytes.Length} bytes): {Description}; first bytes {Convert.ToHexString(Bytes.AsSpan(0, Math.Min(64, Bytes.Length)))}";
}

/// <summary>
/// Deterministic damaged WAV, AU and raw PCM inputs for robustness tests: valid short files of many
/// layouts, then truncated, with header fields set to 0, huge, negative or random values, chunks
/// pointing past the end, NaN/Inf/denormal/huge float samples, bytes flipped; plus empty files,
/// single samples, text and other formats. Input <c>i</c> depends only on (seed, i).
/// </summary>
public static class DamagedAudio
{
    private static readonly PcmSampleType[] WavTypes = [PcmSampleType.Pcm8, PcmSampleType.Pcm16, PcmSampleType.Pcm24, PcmSampleType.Pcm32, PcmSampleType.Ieee32, PcmSampleType.Ieee64];
    private static readonly uint[] AuEncodings = [1, 2, 3, 4, 5, 6, 7, 27];
    private static readonly int[] Rates = [8000, 11025, 16000, 22050, 44100, 48000];

    /// <summary>The first <paramref name="count"/> inputs for <paramref name="seed"/>.</summary>
    public static IEnumerable<DamagedInput> Generate(int seed, int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Create(seed, i);
        }
    }

    /// <summary>Input <paramref name="index"/> of the sequence for <paramref name="seed"/>.</summary>
    public static DamagedInput Create(int seed, int index)
    {
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var roll = random.Next(100);
        return roll switch
        {
            < 1 => Special(seed, index, random),
            < 3 => Foreign(seed, index, random),
            < 45 => Damage(seed, index, random, DamagedContainer.Wav),
            < 80 => Damage(seed, index, random, DamagedContainer.Au),
            _ => Damage(seed, index, random, DamagedContainer.Raw),
        };
    }

    private static DamagedInput Damage(int seed, int index, Random random, DamagedContainer container)
    {
        var (bytes, description, raw, floatBytes) = Base(random, container);
        var notes = new List<string> { description };
        var huge = false;
        var mutations = random.Next(8) == 0 ? 2 + random.Next(2) : 1;
        for (var m = 0; m < mutations; m++)
        {
            bytes = Mutate(random, container, bytes, floatBytes, notes, ref huge);
        }

        return new DamagedInput(seed, index, container, string.Join("; ", notes), bytes, raw, huge);
    }

    private static (byte[] Bytes, string Description, RawLayout? Raw, int FloatBytes) Base(Random random, DamagedContainer container)
    {
        var rate = Rates[random.Next(Rates.Length)];
        var channels = random.Next(10) == 0 ? 1 + random.Next(8) : 1 + random.Next(2);
        var frames = random.Next(6) == 0 ? random.Next(1, 4) : random.Next(200, 4000);
        var signal = Signal(random, frames * channels, rate);
        switch (container)
        {
            case DamagedContainer.Wav:
                var type = WavTypes[random.Next(WavTypes.Length)];
                var extensible = random.Next(3) == 0;
                var chunks = random.Next(3) == 0 ? new[] { ("LIST", RandomBytes(random, random.Next(0, 9))) } : [];
                var wav = new WavFileBuilder { SampleRate = rate, Channels = channels, SampleType = type, Extensible = extensible, ExtraChunks = chunks }.Build(signal);
                var floatBytes = type switch { PcmSampleType.Ieee32 => 4, PcmSampleType.Ieee64 => 8, _ => 0 };
                return (wav, $"WAV {type} {channels} ch {rate} Hz {frames} frames{(extensible ? " extensible" : string.Empty)}{(chunks.Length > 0 ? " +LIST" : string.Empty)}", null, floatBytes);
            case DamagedContainer.Au:
                var encoding = AuEncodings[random.Next(AuEncodings.Length)];
                var builder = new AuFileBuilder { SampleRate = rate, Channels = channels, Encoding = encoding, Annotation = RandomBytes(random, random.Next(3) == 0 ? 4 * random.Next(1, 5) : 0) };
                var au = encoding is 1 or 27 ? builder.BuildRaw(RandomBytes(random, frames * channels)) : builder.Build(signal);
                return (au, $"AU encoding {encoding} {channels} ch {rate} Hz {frames} frames", null, encoding switch { 6 => 4, 7 => 8, _ => 0 });
            default:
                var f32 = random.Next(2) == 0;
                var pcm = PcmPacker.Pack(signal, f32 ? PcmSampleType.Ieee32 : PcmSampleType.Pcm16, bigEndian: false);
                var layout = new RawLayout(f32 ? "f32le" : "s16le", rate, channels);
                return (pcm, $"raw {layout.Format} {channels} ch {rate} Hz {frames} frames", layout, f32 ? 4 : 0);
        }
    }

    private static float[] Signal(Random random, int count, int rate) => random.Next(4) switch
    {
        0 => Signals.WhiteNoise(count, random.Next(), 0.3),
        1 => Signals.Sine(50 + random.Next(4000), rate, count, 0.4),
        2 => new float[count],
        _ => Signals.MusicLike(rate, Math.Max(count, 1) / (double)rate + 0.001, random.Next()).AsSpan(0, count).ToArray(),
    };

    private static byte[] Mutate(Random random, DamagedContainer container, byte[] bytes, int floatBytes, List<string> notes, ref bool huge)
    {
        var headerBytes = container switch { DamagedContainer.Wav => DataOffset(bytes), DamagedContainer.Au => 24, _ => 0 };
        switch (random.Next(container == DamagedContainer.Raw ? 3 : 6))
        {
            case 0:
                // Truncation, mostly inside or near the header.
                var length = random.Next(2) == 0 ? random.Next(Math.Min(bytes.Length, headerBytes + 16) + 1) : random.Next(bytes.Length + 1);
                if (length < MagicBytes(container) && random.Next(4) != 0)
                {
                    length = Math.Min(bytes.Length, MagicBytes(container) + random.Next(8));
                }

                notes.Add($"truncated to {length} bytes");
                return bytes[..length];
            case 1:
                if (floatBytes > 0 && bytes.Length > headerBytes + floatBytes)
                {
                    return SpoilFloats(random, bytes, headerBytes, floatBytes, container == DamagedContainer.Au, notes);
                }

                goto case 2;
            case 2:
                var flips = 1 + random.Next(4);
                var copy = (byte[])bytes.Clone();
                for (var f = 0; f < flips && copy.Length > 0; f++)
                {
                    // The magic numbers are left alone mostly: without them the content is another format (ffmpeg's, tested less often as it is slow).
                    var from = random.Next(10) == 0 ? 0 : MagicBytes(container);
                    var at = Math.Min(from + random.Next(Math.Max(1, headerBytes + 8 - from)), copy.Length - 1);
                    copy[at] = (byte)random.Next(256);
                    notes.Add($"byte {at} set to 0x{copy[at]:X2}");
                }

                return copy;
            default:
                var fields = container == DamagedContainer.Wav ? WavFields(bytes) : AuFields();
                var (name, offset, size) = fields[random.Next(fields.Count)];
                if (offset + size > bytes.Length)
                {
                    goto case 2;
                }

                var value = FieldValue(random, size, bytes.Length - offset, out var isHuge);
                huge |= isHuge && name.Contains("size", StringComparison.Ordinal);
                var changed = (byte[])bytes.Clone();
                WriteField(changed.AsSpan(offset, size), value, container == DamagedContainer.Au);
                notes.Add($"{name} set to {value} (0x{value:X})");
                return changed;
        }
    }

    private static int MagicBytes(DamagedContainer container) => container switch { DamagedContainer.Wav => 12, DamagedContainer.Au => 4, _ => 0 };

    private static byte[] SpoilFloats(Random random, byte[] bytes, int headerBytes, int floatBytes, bool bigEndian, List<string> notes)
    {
        double[] values = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-40, -1e-42, 5e-324, 1e30, -3e38, float.MaxValue, 1e300];
        var value = values[random.Next(values.Length)];
        var all = random.Next(3) == 0;
        var copy = (byte[])bytes.Clone();
        var count = (copy.Length - headerBytes) / floatBytes;
        for (var i = 0; i < count; i++)
        {
            if (all || random.Next(10) == 0)
            {
                var at = copy.AsSpan(headerBytes + (i * floatBytes), floatBytes);
                if (floatBytes == 4)
                {
                    var f = (float)value;
                    if (bigEndian) { BinaryPrimitives.WriteSingleBigEndian(at, f); } else { BinaryPrimitives.WriteSingleLittleEndian(at, f); }
                }
                else if (bigEndian)
                {
                    BinaryPrimitives.WriteDoubleBigEndian(at, value);
                }
                else
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(at, value);
                }
            }
        }

        notes.Add($"{(all ? "every" : "some")} float sample(s) set to {value}");
        return copy;
    }

    private static ulong FieldValue(Random random, int size, int bytesAfter, out bool huge)
    {
        var max = size == 2 ? ushort.MaxValue : uint.MaxValue;
        var sign = size == 2 ? 0x8000UL : 0x8000_0000UL;
        huge = false;
        switch (random.Next(9))
        {
            case 0: return 0;
            case 1: return 1;
            case 2: huge = true; return max;
            case 3: huge = true; return max - 15;
            case 4: huge = true; return sign;
            case 5: return (ulong)random.Next(2, 300);
            case 6: huge = true; return (ulong)(bytesAfter + random.Next(1, 1000)) & max; // past the end
            case 7: return (ulong)random.NextInt64((long)max + 1);
            default: return (ulong)random.Next(1000, 2_000_000) & max;
        }
    }

    private static void WriteField(Span<byte> at, ulong value, bool bigEndian)
    {
        if (at.Length == 2)
        {
            if (bigEndian) { BinaryPrimitives.WriteUInt16BigEndian(at, (ushort)value); } else { BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)value); }
        }
        else if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(at, (uint)value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(at, (uint)value);
        }
    }

    private static List<(string Name, int Offset, int Size)> AuFields() =>
        [("AU data offset", 4, 4), ("AU data size", 8, 4), ("AU encoding", 12, 4), ("AU sample rate", 16, 4), ("AU channels", 20, 4)];

    /// <summary>The header fields of a WAV built by <see cref="WavFileBuilder"/>, found by walking its chunks.</summary>
    private static List<(string Name, int Offset, int Size)> WavFields(byte[] bytes)
    {
        var fields = new List<(string, int, int)> { ("RIFF size", 4, 4) };
        var at = 12;
        while (at + 8 <= bytes.Length)
        {
            var id = Encoding.ASCII.GetString(bytes, at, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4));
            fields.Add(($"'{id}' chunk size", at + 4, 4));
            if (id == "fmt ")
            {
                fields.AddRange([("format tag", at + 8, 2), ("channels", at + 10, 2), ("sample rate", at + 12, 4), ("byte rate", at + 16, 4), ("block align", at + 20, 2), ("bits per sample", at + 22, 2)]);
                if (size >= 40)
                {
                    fields.AddRange([("cbSize", at + 24, 2), ("valid bits", at + 26, 2), ("channel mask", at + 28, 4), ("sub-format", at + 32, 2)]);
                }
            }

            if (id == "data")
            {
                break;
            }

            if (!Advance(ref at, size, bytes.Length))
            {
                break;
            }
        }

        return fields;
    }

    private static int DataOffset(byte[] wav)
    {
        var at = 12;
        while (at + 8 <= wav.Length)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(at + 4));
            if (wav.AsSpan(at, 4).SequenceEqual("data"u8))
            {
                return at + 8;
            }

            if (!Advance(ref at, size, wav.Length))
            {
                break;
            }
        }

        return wav.Length;
    }

    /// <summary>Moves past a chunk of <paramref name="size"/> bytes; false when it runs past the end (an earlier mutation's doing).</summary>
    private static bool Advance(ref int at, uint size, int length)
    {
        var next = at + 8L + size + (size & 1);
        if (next > length)
        {
            return false;
        }

        at = (int)next;
        return true;
    }

    /// <summary>Empty files and single samples.</summary>
    private static DamagedInput Special(int seed, int index, Random random)
    {
        var one = new[] { 0.25f };
        var (container, description, bytes, raw) = random.Next(8) switch
        {
            0 => (DamagedContainer.Wav, "zero-length file", Array.Empty<byte>(), (RawLayout?)null),
            1 => (DamagedContainer.Au, "zero-length file", [], null),
            2 => (DamagedContainer.Raw, "zero-length file", [], new RawLayout("s16le", 22050, 1)),
            3 => (DamagedContainer.Wav, "WAV with a single 16-bit sample", new WavFileBuilder().Build(one), null),
            4 => (DamagedContainer.Wav, "WAV stereo with one sample (half a frame)", new WavFileBuilder { Channels = 2 }.BuildRaw([0x00, 0x10]), null),
            5 => (DamagedContainer.Au, "AU with a single 16-bit sample", new AuFileBuilder().Build(one), null),
            6 => (DamagedContainer.Raw, "raw f32le with a single sample", PcmPacker.Pack(one, PcmSampleType.Ieee32, bigEndian: false), new RawLayout("f32le", 22050, 1)),
            _ => (DamagedContainer.Raw, "raw s16le with a single byte", [0x7F], new RawLayout("s16le", 8000, 1)),
        };
        return new DamagedInput(seed, index, container, description, bytes, raw, HugeDeclaredSize: false);
    }

    /// <summary>Files that are text or another format altogether.</summary>
    private static DamagedInput Foreign(int seed, int index, Random random)
    {
        var tail = RandomBytes(random, random.Next(0, 600));
        var (description, bytes) = random.Next(14) switch
        {
            0 => ("plain text", Encoding.UTF8.GetBytes("This is not audio.\nJust some lines of text.\n")),
            1 => ("JSON text", Encoding.UTF8.GetBytes("{\"genre\": \"rock\", \"samples\": [1, 2, 3]}\n")),
            2 => ("CSV text with a BOM", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("time,value\n0,0.5\n1,0.25\n")]),
            3 => ("PNG signature and noise", [0x89, .. "PNG\r\n\x1A\n"u8, .. tail]),
            4 => ("ZIP local header and noise", [.. "PK\x03\x04"u8, .. tail]),
            5 => ("PDF header and noise", [.. "%PDF-1.4\n"u8, .. tail]),
            6 => ("ELF header and noise", [0x7F, .. "ELF"u8, .. tail]),
            7 => ("'fLaC' magic and noise", [.. "fLaC"u8, .. tail]),
            8 => ("'OggS' magic and noise", [.. "OggS"u8, 0, 2, .. tail]),
            9 => ("'ID3' tag and noise", [.. "ID3"u8, 4, 0, 0, 0, 0, 0, 0x10, .. tail]),
            10 => ("RIFF AVI header and noise", [.. "RIFF"u8, 0, 1, 0, 0, .. "AVI LIST"u8, .. tail]),
            11 => ("'FORM' AIFF header and noise", [.. "FORM"u8, 0, 0, 1, 0, .. "AIFFCOMM"u8, .. tail]),
            12 => ("random bytes", tail),
            _ => ("random text", Encoding.ASCII.GetBytes(new string([.. tail.Select(b => (char)(' ' + (b % 95)))]))),
        };
        var container = random.Next(3) switch { 0 => DamagedContainer.Wav, 1 => DamagedContainer.Au, _ => DamagedContainer.Raw };
        var raw = container == DamagedContainer.Raw ? new RawLayout(random.Next(2) == 0 ? "s16le" : "f32le", 22050, 1 + random.Next(2)) : null;
        return new DamagedInput(seed, index, container, description, bytes, raw, HugeDeclaredSize: false);
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
