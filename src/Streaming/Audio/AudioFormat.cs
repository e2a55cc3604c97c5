namespace GenreStream.Streaming.Audio;

/// <summary>The shape of interleaved float samples: frames per second and channels per frame.</summary>
/// <param name="SampleRate">Sample frames per second (Hz), at least 1.</param>
/// <param name="Channels">Interleaved channels per sample frame, at least 1.</param>
public readonly record struct AudioFormat(int SampleRate, int Channels)
{
    /// <summary>Mono at the given rate.</summary>
    public static AudioFormat Mono(int sampleRate) => new(sampleRate, 1);

    public override string ToString() => $"{SampleRate} Hz, {Channels} ch";
}
