namespace GenreStream.Streaming.Tracking;

/// <summary>
/// Named trade-offs between how fast the current genre follows the music and how still it stays.
/// <see cref="Steady"/> is the default (4 s smoothing, 3 s hold); <see cref="Responsive"/> follows a change
/// in about half the time and flips more often on music that sits between two genres.
/// </summary>
public enum TrackingPreset
{
    /// <summary>Smoothing 4 s, hold 3 s (the defaults).</summary>
    Steady,

    /// <summary>Smoothing 2 s, hold 1.5 s.</summary>
    Responsive,
}

/// <summary>Names and effects of <see cref="TrackingPreset"/>.</summary>
public static class TrackingPresets
{
    /// <summary>The preset names as written on the command line and in settings.</summary>
    public static IReadOnlyList<string> Names { get; } = ["steady", "responsive"];

    /// <summary>The preset's name: <c>steady</c> or <c>responsive</c>.</summary>
    public static string Name(this TrackingPreset preset) => preset switch
    {
        TrackingPreset.Responsive => "responsive",
        _ => "steady",
    };

    /// <summary>The preset called <paramref name="name"/> (case-insensitive), or null if there is none.</summary>
    public static TrackingPreset? Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "steady" => TrackingPreset.Steady,
        "responsive" => TrackingPreset.Responsive,
        _ => null,
    };

    /// <summary><paramref name="options"/> with the smoothing time constant and hold of <paramref name="preset"/> (the rest kept).</summary>
    public static TrackingOptions Apply(this TrackingPreset preset, TrackingOptions options) => preset switch
    {
        TrackingPreset.Responsive => options with
        {
            Smoothing = options.Smoothing with { TimeConstant = TimeSpan.FromSeconds(2) },
            Hold = TimeSpan.FromSeconds(1.5),
        },
        _ => options with
        {
            Smoothing = options.Smoothing with { TimeConstant = TrackingOptions.Default.Smoothing.TimeConstant },
            Hold = TrackingOptions.Default.Hold,
        },
    };
}
