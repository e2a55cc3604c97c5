using GenreStream.Streaming.Classification;

namespace GenreStream.Host.Library;

/// <summary>What classifying one file gave: its result, or the one-line problem that stopped it (a damaged file).</summary>
/// <param name="Result">The classification, or null when <paramref name="Error"/> says why there is none.</param>
/// <param name="Error">The problem, as the reader put it (it usually starts with the file's path), or null.</param>
internal sealed record ClipOutcome(ClipResult? Result, string? Error)
{
    public static ClipOutcome Of(ClipResult result) => new(result, null);

    public static ClipOutcome Failed(string error) => new(null, error);

    /// <summary>Whether the file was classified.</summary>
    public bool Succeeded => Result is not null;
}
