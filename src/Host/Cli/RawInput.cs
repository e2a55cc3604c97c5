using GenreStream.Streaming.Sources;

namespace GenreStream.Host.Cli;

/// <summary>Raw PCM format of standard input, from <c>--format --rate --channels</c>.</summary>
internal sealed record RawInput(RawSampleFormat Format, int SampleRate, int Channels);
