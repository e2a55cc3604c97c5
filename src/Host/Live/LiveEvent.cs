using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Live;

/// <summary>
/// What <c>genre listen</c> and <c>genre serve</c> tell the world, one event at a time: genre updates,
/// genre changes, silence, and the source's state. Every output (JSON lines, the terminal view, the web
/// page, SSE, WebSocket) carries the same events; <see cref="LiveEventJson"/> is their wire form.
/// </summary>
/// <param name="Time">Seconds of audio since the source started.</param>
internal abstract record LiveEvent(double Time)
{
    /// <summary>Wall-clock time (UTC) the event was made, from the session's <see cref="TimeProvider"/>; null only for events made by hand (tests).</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The stream the event is about (<c>genre serve</c>'s stream name, <c>default</c> for an unnamed source); null where there is only ever one (<c>genre listen</c>).</summary>
    public string? Stream { get; init; }
}

/// <summary>A classification step (about every 1.5 s).</summary>
/// <param name="Time">Audio time at the end of the window.</param>
/// <param name="Labels">The model's genres, in the order of the probability arrays.</param>
/// <param name="Genre">The top smoothed genre (published as <c>top</c>; the published <c>genre</c> is <paramref name="Current"/>).</param>
/// <param name="Confidence">Its smoothed probability (published as <c>top_confidence</c>).</param>
/// <param name="Current">The current genre (it changes only with hysteresis), or null before any music.</param>
/// <param name="CurrentConfidence">The current genre's smoothed probability.</param>
/// <param name="Silent">Whether the stream is in the silence state.</param>
/// <param name="Probabilities">The window's own probabilities.</param>
/// <param name="Smoothed">Smoothed probabilities.</param>
/// <param name="Level">RMS level of the window in dBFS.</param>
/// <param name="LatencyMs">With <c>--verbose</c>: from the window's last sample entering the source to this event.</param>
/// <param name="Status">What the window was: music (the genre is meaningful), unknown (not one of the genres, or not music), or silence.</param>
internal sealed record GenreUpdate(
    double Time,
    IReadOnlyList<string> Labels,
    string Genre,
    float Confidence,
    string? Current,
    float CurrentConfidence,
    bool Silent,
    float[] Probabilities,
    float[] Smoothed,
    double Level,
    double? LatencyMs = null,
    TrackStatus Status = TrackStatus.Music) : LiveEvent(Time)
{
    /// <summary>What a one-word display says (Home Assistant's genre sensor, OSC's <c>/genre/current</c> at every step): <c>silence</c>, <c>unknown</c> (not music, or no settled genre yet), or the settled genre.</summary>
    public string SettledState => Silent || Status == TrackStatus.Silence ? "silence" : Status == TrackStatus.Unknown || Current is null ? "unknown" : Current;

    /// <summary>Whether music is playing: the window is music and not silent (Home Assistant's binary sensor, OSC's <c>/genre/music</c>).</summary>
    public bool MusicPlaying => !Silent && Status == TrackStatus.Music;
}

/// <summary>The current genre changed (after hysteresis).</summary>
/// <param name="Time">Audio time of the window that decided the change.</param>
/// <param name="From">The genre before, or null at the stream's first genre.</param>
/// <param name="To">The new current genre.</param>
/// <param name="Confidence">Its smoothed probability.</param>
internal sealed record GenreChanged(double Time, string? From, string To, float Confidence) : LiveEvent(Time);

/// <summary>The stream went silent (level below the threshold) or music came back.</summary>
internal sealed record SilenceChanged(double Time, bool Silent, double Level) : LiveEvent(Time);

/// <summary>The source started, was lost, recovered or ended.</summary>
/// <param name="Time">Seconds of audio delivered so far.</param>
/// <param name="State">Started, lost, recovered or ended (published by <see cref="SourceStateNames.Name"/>).</param>
/// <param name="Detail">One line for people.</param>
/// <param name="DroppedSeconds">Audio dropped so far because the consumer fell behind.</param>
internal sealed record SourceChanged(double Time, SourceState State, string Detail, double DroppedSeconds = 0) : LiveEvent(Time);
