using GenreStream.Streaming.Sources;

namespace GenreStream.Host.Live;

/// <summary>What to listen to and how (the source options of <c>genre listen</c> and <c>genre serve</c>).</summary>
/// <param name="Source">A device, a file or standard input.</param>
/// <param name="Fast">With a file: as fast as possible instead of at real-time pace.</param>
/// <param name="Duration">Stop after this many seconds of audio.</param>
/// <param name="Server">PulseAudio/PipeWire server address, or null for libpulse's usual lookup.</param>
/// <param name="Verbose">Measure each window's latency (<see cref="GenreUpdate.LatencyMs"/>).</param>
internal sealed record LiveSourceOptions(SourceSpec Source, bool Fast = false, double? Duration = null, string? Server = null, bool Verbose = false);
