using GenreStream.Streaming.Audio;

namespace GenreStream.Streaming.Sources;

/// <summary>The format of raw PCM on standard input (<c>--format --rate --channels</c>).</summary>
/// <param name="Format">Sample encoding.</param>
/// <param name="SampleRate">Frames per second, in Hz.</param>
/// <param name="Channels">Interleaved channels.</param>
public sealed record RawInput(RawSampleFormat Format, int SampleRate, int Channels)
{
    /// <summary>A reader of <paramref name="stream"/> in this format; the reader owns the stream.</summary>
    public ISampleReader Open(Stream stream) => new RawPcmReader(stream, Format, new AudioFormat(SampleRate, Channels));

    /// <summary>For people: "s16le, 44100 Hz, 2 ch".</summary>
    public override string ToString() => $"{Format.ToString().ToLowerInvariant()}, {SampleRate} Hz, {Channels} ch";
}
