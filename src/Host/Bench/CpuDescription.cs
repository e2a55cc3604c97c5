using System.Numerics;
using System.Runtime.Intrinsics;

namespace GenreStream.Host.Bench;

/// <summary>
/// Where a benchmark ran: the processor's model name, its logical cores, and the vector widths the kernels can use
/// here (<c>Vector&lt;float&gt;</c>'s width, and which of the 128/256/512-bit vector types the JIT accelerates).
/// A figure always travels with this, because machines differ (AVX-512 Intel, AVX2-only AMD…).
/// </summary>
internal sealed record CpuDescription
{
    /// <summary>The model name from <c>/proc/cpuinfo</c> (Linux), else the processor identifier the OS gives, else "unknown".</summary>
    public required string Model { get; init; }

    /// <summary>Logical cores available to the process.</summary>
    public required int Cores { get; init; }

    /// <summary>Bits in one <c>Vector&lt;float&gt;</c> (what the portable vector code uses).</summary>
    public required int VectorBits { get; init; }

    /// <summary>The hardware-accelerated fixed-width vector types, e.g. <c>[128, 256, 512]</c>.</summary>
    public required IReadOnlyList<int> AcceleratedVectorBits { get; init; }

    /// <summary>The widest hardware-accelerated vector, in bits (0 when none is).</summary>
    public int WidestVectorBits => AcceleratedVectorBits.Count == 0 ? 0 : AcceleratedVectorBits[^1];

    /// <summary>This machine, now.</summary>
    public static CpuDescription Current()
    {
        var accelerated = new List<int>(3);
        if (Vector128.IsHardwareAccelerated)
        {
            accelerated.Add(128);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            accelerated.Add(256);
        }

        if (Vector512.IsHardwareAccelerated)
        {
            accelerated.Add(512);
        }

        return new CpuDescription
        {
            Model = ModelName(),
            Cores = Environment.ProcessorCount,
            VectorBits = Vector.IsHardwareAccelerated ? Vector<float>.Count * 32 : 0,
            AcceleratedVectorBits = accelerated,
        };
    }

    /// <summary>One line: <c>AMD EPYC 7B13, 2 cores, vectors 128/256 bits (Vector&lt;float&gt; 256)</c>.</summary>
    public string Describe() =>
        $"{Model}, {Cores} cores, vectors {(AcceleratedVectorBits.Count == 0 ? "none" : string.Join('/', AcceleratedVectorBits))} bits (Vector<float> {VectorBits})";

    private static string ModelName()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                {
                    if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':') is var colon and > 0)
                    {
                        return line[(colon + 1)..].Trim();
                    }
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER") is { Length: > 0 } id ? id : "unknown";
    }
}
