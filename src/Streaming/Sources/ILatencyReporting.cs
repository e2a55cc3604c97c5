namespace GenreStream.Streaming.Sources;

/// <summary>
/// A live reader that knows how long its audio waited before <see cref="ISampleReader.Read"/> returned it:
/// for an audio server, the time from a sample entering the server to that read.
/// </summary>
public interface ILatencyReporting
{
    /// <summary>
    /// How long ago the last sample returned by the latest <see cref="ISampleReader.Read"/> entered the
    /// source (device or server buffers not yet read included); <see cref="TimeSpan.Zero"/> when unknown.
    /// </summary>
    /// <remarks>Called on the capture thread right after each read; must not allocate.</remarks>
    TimeSpan CurrentLatency { get; }
}
