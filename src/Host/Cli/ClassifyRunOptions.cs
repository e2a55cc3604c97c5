namespace GenreStream.Host.Cli;

/// <summary>What the command line asked of the run.</summary>
/// <param name="Json">JSON lines rather than text.</param>
/// <param name="Timeline">Every step as well.</param>
/// <param name="Jobs">Files classified at once.</param>
/// <param name="ResultsPath">The results file of --resume, or null.</param>
/// <param name="WriteTags">Tags are listed (or written, with <paramref name="Yes"/>).</param>
/// <param name="Yes">Tags are written.</param>
/// <param name="NatsUrl">The cluster's server, or null to classify here.</param>
internal sealed record ClassifyRunOptions(bool Json, bool Timeline, int Jobs, string? ResultsPath, bool WriteTags, bool Yes, string? NatsUrl);
