namespace GenreStream.Host.Library;

/// <summary>The genre as music players spell it in tags (the ID3v1 names: <c>Hip-Hop</c>, <c>Rock</c>), from a model label.</summary>
internal static class TagGenre
{
    public static string For(string label) => label switch
    {
        "hiphop" => "Hip-Hop",
        _ when label.Length > 0 => char.ToUpperInvariant(label[0]) + label[1..],
        _ => label,
    };
}
