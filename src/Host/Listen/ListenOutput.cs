namespace GenreStream.Host.Listen;

/// <summary>How <c>genre listen</c> shows its events.</summary>
internal enum ListenOutput
{
    /// <summary>The live terminal view (standard output is a terminal, no --json or --plain).</summary>
    LiveView,

    /// <summary>One JSON object per event per line.</summary>
    Json,

    /// <summary>One short line of text per event.</summary>
    Plain,
}
