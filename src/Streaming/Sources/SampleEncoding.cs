namespace GenreStream.Streaming.Sources;

/// <summary>How one sample is stored in a PCM container; the byte order is chosen separately.</summary>
internal enum SampleEncoding
{
    /// <summary>8-bit unsigned, 128 = silence (WAV).</summary>
    UInt8,

    /// <summary>8-bit signed two's complement (AU encoding 2).</summary>
    Int8,
    Int16,
    Int24,
    Int32,
    Float32,
    Float64,

    /// <summary>8-bit G.711 µ-law.</summary>
    MuLaw,

    /// <summary>8-bit G.711 A-law.</summary>
    ALaw,
}
