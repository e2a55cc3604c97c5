namespace GenreStream.Streaming.Sources;

/// <summary>Sample encodings <see cref="RawPcmReader"/> accepts (names as in ffmpeg's <c>-f</c>).</summary>
public enum RawSampleFormat
{
    /// <summary>16-bit signed little-endian integers.</summary>
    S16LE,

    /// <summary>32-bit IEEE float, little-endian.</summary>
    F32LE,
}
