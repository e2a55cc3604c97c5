using GenreStream.Host.Live;
using GenreStream.Streaming.Sources;

namespace GenreStream.Host.Listen.View;

/// <summary>
/// Everything the live view shows, as of the latest event: an immutable snapshot that the render thread
/// reads while the pipeline thread builds the next one with <see cref="With"/>.
/// </summary>
/// <param name="Source">What is being listened to: the <c>--source</c> value, then the source's own description once it starts.</param>
/// <param name="Labels">The model's genres, in the fixed order of <paramref name="Smoothed"/>.</param>
/// <param name="Smoothed">Smoothed probability of each genre (all zero before the first window).</param>
/// <param name="Current">The current genre (with hysteresis), or null before any music.</param>
/// <param name="CurrentConfidence">The current genre's smoothed probability.</param>
/// <param name="Silent">Whether the stream is in the silence state.</param>
/// <param name="Level">RMS level of the latest window in dBFS, or null before the first window.</param>
/// <param name="SourceState">Waiting until the source starts, then started, lost, recovered or ended.</param>
/// <param name="SourceDetail">Why the source was lost, recovered or ended (empty while it runs).</param>
/// <param name="DroppedSeconds">Audio dropped so far because the pipeline fell behind, in seconds.</param>
/// <param name="AudioSeconds">Seconds of audio heard so far.</param>
internal sealed record ViewState(
    string Source,
    IReadOnlyList<string> Labels,
    IReadOnlyList<float> Smoothed,
    string? Current,
    float CurrentConfidence,
    bool Silent,
    double? Level,
    SourceState SourceState,
    string SourceDetail,
    double DroppedSeconds,
    double AudioSeconds)
{
    /// <summary>Whether the latest window was unknown audio (not one of the genres, or not music).</summary>
    public bool Unknown { get; init; }

    /// <summary>What the view showed, stretch by stretch, oldest first (at most <see cref="GenreSpell.MaxKept"/>).</summary>
    public IReadOnlyList<GenreSpell> Recent { get; init; } = [];

    /// <summary>The genre with the highest smoothed probability, or null before the first window.</summary>
    public string? Top
    {
        get
        {
            var best = -1;
            for (var k = 0; k < Smoothed.Count; k++)
            {
                if (Smoothed[k] > 0 && (best < 0 || Smoothed[k] > Smoothed[best]))
                {
                    best = k;
                }
            }

            return best < 0 ? null : Labels[best];
        }
    }

    /// <summary>The smoothed probability of <paramref name="genre"/> (the value its bar shows), or <paramref name="fallback"/> when it has none.</summary>
    public float SmoothedOf(string genre, float fallback)
    {
        for (var k = 0; k < Labels.Count && k < Smoothed.Count; k++)
        {
            if (Labels[k] == genre)
            {
                return Smoothed[k];
            }
        }

        return fallback;
    }

    /// <summary>Before any event: no genre, no level, source waiting.</summary>
    public static ViewState Waiting(string source, IReadOnlyList<string> labels) =>
        new(source, labels, new float[labels.Count], null, 0, false, null, SourceState.Waiting, string.Empty, 0, 0);

    /// <summary>The state after <paramref name="e"/>.</summary>
    public ViewState With(LiveEvent e)
    {
        var state = this with { AudioSeconds = Math.Max(AudioSeconds, e.Time) };
        return e switch
        {
            GenreUpdate g => state with
            {
                Recent = (g.Silent ? "silence" : g.Status == Streaming.Tracking.TrackStatus.Unknown ? "unknown" : g.Current) is { } shown
                    ? GenreSpell.After(Recent, shown, g.Time)
                    : Recent,
                Labels = g.Labels,
                Smoothed = g.Smoothed,
                Current = g.Current,
                CurrentConfidence = g.CurrentConfidence,
                Silent = g.Silent,
                Unknown = g.Status == Streaming.Tracking.TrackStatus.Unknown,
                Level = g.Level,
            },
            GenreChanged c => state with { Current = c.To, CurrentConfidence = c.Confidence },
            SilenceChanged s => state with { Silent = s.Silent, Level = s.Level },
            SourceChanged s => state with
            {
                Source = s.State == SourceState.Started ? s.Detail : Source,
                SourceState = s.State,
                SourceDetail = s.State == SourceState.Started ? string.Empty : s.Detail,
                DroppedSeconds = Math.Max(DroppedSeconds, s.DroppedSeconds),
            },
            _ => state,
        };
    }
}
