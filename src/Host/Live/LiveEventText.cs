using System.Globalization;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Live;

/// <summary>A short line per <see cref="LiveEvent"/> for people reading a log or a plain terminal.</summary>
internal static class LiveEventText
{
    public static string ToLine(LiveEvent e) => e switch
    {
        GenreUpdate g => Line(g.Time, $"{(g.Silent ? "(silence)" : g.Status == TrackStatus.Unknown ? "(unknown)" : g.Current ?? g.Genre),-10} {(g.Status != TrackStatus.Music ? "" : g.CurrentConfidence.ToString("P0", CultureInfo.InvariantCulture)),6}   level {g.Level,6:0.0} dBFS{Latency(g.LatencyMs)}"),
        GenreChanged c => Line(c.Time, $"genre {(c.From is null ? "is" : $"changed from {c.From} to")} {c.To} ({c.Confidence.ToString("P0", CultureInfo.InvariantCulture)})"),
        SilenceChanged s => Line(s.Time, s.Silent ? $"silence (level {s.Level:0.0} dBFS)" : $"music again (level {s.Level:0.0} dBFS)"),
        SourceChanged s => Line(s.Time, $"source {s.State.Name()}: {s.Detail}{(s.DroppedSeconds > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({s.DroppedSeconds:0.0} s of audio dropped so far)") : "")}"),
        _ => Line(e.Time, e.ToString()),
    };

    private static string Line(double time, string text) => string.Create(CultureInfo.InvariantCulture, $"{time,8:0.0} s  {text}");

    private static string Latency(double? ms) => ms is { } l ? string.Create(CultureInfo.InvariantCulture, $"   latency {l,6:0.0} ms") : string.Empty;
}
