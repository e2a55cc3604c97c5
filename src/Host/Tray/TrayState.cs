using System.Globalization;
using GenreStream.Host.Live;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Tray;

/// <summary>
/// Everything the tray icon shows: the current genre and its confidence, what the listener is doing, the
/// source and the preset. Immutable; <see cref="With(LiveEvent)"/> gives the state after a live event.
/// </summary>
/// <param name="Genre">The current genre (with hysteresis), or null before any music.</param>
/// <param name="Confidence">Its smoothed probability, 0 to 1.</param>
/// <param name="Activity">Music, unknown, silence, paused, lost, ended or waiting.</param>
/// <param name="Source">What is listened to.</param>
/// <param name="Preset">The tracking preset in force, or null when the options are the user's own.</param>
/// <param name="Detail">Why the source was lost or ended (one line), else null.</param>
internal sealed record TrayState(string? Genre, float Confidence, TrayActivity Activity, SourceSpec Source, TrackingPreset? Preset, string? Detail = null)
{
    /// <summary>The state before anything was heard from <paramref name="source"/>.</summary>
    public static TrayState Start(SourceSpec source, TrackingPreset? preset) => new(null, 0, TrayActivity.Waiting, source, preset);

    /// <summary>The preset <paramref name="tracking"/> amounts to, or null when its smoothing and hold are the user's own.</summary>
    public static TrackingPreset? PresetOf(TrackingOptions tracking) =>
        Enum.GetValues<TrackingPreset>().Select(p => (TrackingPreset?)p).FirstOrDefault(p => p!.Value.Apply(tracking) == tracking);

    /// <summary>The state after <paramref name="e"/>.</summary>
    public TrayState With(LiveEvent e) => e switch
    {
        _ when Activity == TrayActivity.Paused => this,
        GenreUpdate g => this with
        {
            Genre = g.Current,
            Confidence = g.CurrentConfidence,
            Activity = g.Silent || g.Status == TrackStatus.Silence ? TrayActivity.Silence : g.Status == TrackStatus.Unknown ? TrayActivity.Unknown : TrayActivity.Music,
            Detail = null,
        },
        GenreChanged c => this with { Genre = c.To, Confidence = c.Confidence },
        SourceChanged { State: SourceState.Lost } s => this with { Activity = TrayActivity.Lost, Detail = s.Detail },
        SourceChanged { State: SourceState.Ended } s => this with { Activity = TrayActivity.Ended, Detail = s.Detail },
        SourceChanged { State: SourceState.Started or SourceState.Recovered } when Activity is TrayActivity.Lost or TrayActivity.Ended => this with { Activity = TrayActivity.Waiting, Detail = null },
        _ => this,
    };

    /// <summary>The tooltip's title: <c>genre: rock 82%</c>, <c>genre: silence</c>, <c>genre: paused</c>…</summary>
    public string Title => Activity switch
    {
        TrayActivity.Music when Genre is not null => $"genre: {Genre} {Percent(Confidence)}",
        TrayActivity.Music or TrayActivity.Waiting => "genre: listening…",
        TrayActivity.Unknown => "genre: unknown (not one of the genres)",
        TrayActivity.Silence => "genre: silence",
        TrayActivity.Paused => "genre: paused",
        TrayActivity.Lost => "genre: source lost",
        _ => "genre: source ended",
    };

    /// <summary>The tooltip's text: the source, the preset, and why a source was lost or ended.</summary>
    public string Body
    {
        get
        {
            var lines = new List<string> { $"source: {Source}" };
            if (Preset is { } preset)
            {
                lines.Add($"preset: {preset.Name()}");
            }

            if (Genre is not null && Activity is not TrayActivity.Music)
            {
                lines.Add($"last genre: {Genre}");
            }

            if (Detail is not null)
            {
                lines.Add(Detail);
            }

            return string.Join('\n', lines);
        }
    }

    /// <summary>The item's <c>Status</c>: NeedsAttention while the source is lost, else Active.</summary>
    public string ItemStatus => Activity == TrayActivity.Lost ? "NeedsAttention" : "Active";

    private static string Percent(float p) => p.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", string.Empty, StringComparison.Ordinal);
}
