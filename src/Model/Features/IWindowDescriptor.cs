namespace GenreStream.Model.Features;

/// <summary>
/// A feature of a whole texture window computed from its frames in time order (rhythm, modulation,
/// delta statistics): what a per-frame mean and deviation cannot see. Preallocates; never allocates in
/// <see cref="Compute"/>.
/// </summary>
public interface IWindowDescriptor
{
    /// <summary>Values written by <see cref="Compute"/>.</summary>
    int Length { get; }

    /// <summary>Names of the values, in order.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>
    /// Describes the window whose frame vectors are the <paramref name="count"/> rows (oldest first) of
    /// <paramref name="frames"/>, each <paramref name="stride"/> values long.
    /// </summary>
    void Compute(ReadOnlySpan<float> frames, int count, int stride, Span<float> output);
}
