namespace GenreStream.Host.Training;

/// <summary>
/// A change that real listening brings and that must not change the genre, applied to a training recording
/// with ffmpeg before features are extracted: level, tone, noise, the sample rate of real input, a lossy
/// codec's round trip. Augmented windows only ever train; every figure is measured on the recordings as they are.
/// </summary>
/// <param name="Name">The name given to <c>--augment-audio</c>.</param>
/// <param name="Encode">ffmpeg output options of a first pass that encodes the recording (a lossy round trip), or empty.</param>
/// <param name="Decode">ffmpeg output options of the pass that writes the float WAV the features are computed from.</param>
internal sealed record AudioAugmentation(string Name, string[] Encode, string[] Decode)
{
    private static readonly string[] FloatWav = ["-f", "wav", "-acodec", "pcm_f32le"];

    /// <summary>Every augmentation by name.</summary>
    public static IReadOnlyDictionary<string, AudioAugmentation> Known { get; } = new[]
    {
        new AudioAugmentation("quieter", [], ["-af", "volume=-12dB", .. FloatWav]),
        new AudioAugmentation("quieter6", [], ["-af", "volume=-6dB", .. FloatWav]),
        new AudioAugmentation("louder", [], ["-af", "volume=6dB,alimiter=limit=0.9", .. FloatWav]),
        new AudioAugmentation("tilt", [], ["-af", "treble=g=-6:f=3000,bass=g=4:f=150", .. FloatWav]),
        new AudioAugmentation("bright", [], ["-af", "treble=g=4:f=3000,bass=g=-4:f=150", .. FloatWav]),
        new AudioAugmentation("noise", [], ["-af", "aeval=val(0)+0.004*(random(0)-0.5)|val(0)+0.004*(random(1)-0.5):c=same", .. FloatWav]),
        new AudioAugmentation("rate48k", [], ["-ar", "48000", .. FloatWav]),
        new AudioAugmentation("rate44k", [], ["-ar", "44100", .. FloatWav]),
        new AudioAugmentation("mp3", ["-ar", "44100", "-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k", "-f", "mp3"], FloatWav),
        new AudioAugmentation("ogg", ["-ar", "48000", "-c:a", "libvorbis", "-q:a", "3", "-f", "ogg"], FloatWav),
        new AudioAugmentation("ogg22", ["-c:a", "libvorbis", "-q:a", "4", "-f", "ogg"], FloatWav),
    }.ToDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>Whether the recording is encoded before it is decoded.</summary>
    public bool IsRoundTrip => Encode.Length > 0;

    /// <summary>A name for the feature cache: the same spec with another augmentation caches apart.</summary>
    public string CacheSuffix => "-" + Name + "-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join(' ', Encode) + "|" + string.Join(' ', Decode))).AsSpan(0, 4));
}
