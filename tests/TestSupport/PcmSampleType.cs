namespace GenreStream.TestSupport;

/// <summary>Sample storage the test writers can produce.</summary>
public enum PcmSampleType
{
    /// <summary>8-bit integer: unsigned (offset 128) in WAV, signed in AU.</summary>
    Pcm8,
    Pcm16,
    Pcm24,
    Pcm32,

    /// <summary>32-bit IEEE float.</summary>
    Ieee32,

    /// <summary>64-bit IEEE float.</summary>
    Ieee64,
}
