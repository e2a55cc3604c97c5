namespace GenreStream.Host.Listen.View;

/// <summary>A stretch of audio during which the view showed one genre (or <c>silence</c>, <c>unknown</c>): a row of the timeline.</summary>
/// <param name="Genre">The current genre, or <c>silence</c> or <c>unknown</c>.</param>
/// <param name="From">Audio time (s) of its first step.</param>
/// <param name="To">Audio time (s) of its latest step.</param>
internal sealed record GenreSpell(string Genre, double From, double To)
{
    /// <summary>Most spells a view keeps: more than a tall terminal has rows.</summary>
    public const int MaxKept = 100;

    /// <summary><paramref name="spells"/> after a step at <paramref name="time"/> showing <paramref name="genre"/>: the latest spell grows, or a new one starts where it ended.</summary>
    public static IReadOnlyList<GenreSpell> After(IReadOnlyList<GenreSpell> spells, string genre, double time)
    {
        if (spells.Count > 0 && spells[^1] is var last && time >= last.From)
        {
            if (last.Genre == genre)
            {
                return [.. spells.Take(spells.Count - 1), last with { To = time }];
            }

            return [.. spells.Skip(spells.Count >= MaxKept ? 1 : 0), new GenreSpell(genre, last.To, time)];
        }

        // The first step, or the audio time started again (a new source): a spell of its own.
        return [.. spells.Skip(spells.Count >= MaxKept ? 1 : 0), new GenreSpell(genre, time, time)];
    }
}
