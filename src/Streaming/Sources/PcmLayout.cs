using GenreStream.Streaming.Audio;

namespace GenreStream.Streaming.Sources;

/// <summary>What a container header says about the sample data that follows it.</summary>
/// <param name="Encoding">How each sample is stored.</param>
/// <param name="BigEndian">Byte order of multi-byte samples.</param>
/// <param name="Format">Sample rate and channel count, validated.</param>
/// <param name="DataBytes">Declared length of the sample data in bytes, or null when it runs to the end of the stream.</param>
internal readonly record struct PcmLayout(SampleEncoding Encoding, bool BigEndian, AudioFormat Format, long? DataBytes);
