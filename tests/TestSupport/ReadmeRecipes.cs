namespace GenreStream.TestSupport;

/// <summary>
/// The README's recipes, so that a test runs exactly what a reader copies: a fenced code block right after a
/// line <c>&lt;!-- recipe: name --&gt;</c>.
/// </summary>
public static class ReadmeRecipes
{
    /// <summary>The repository's root (the folder with <c>GenreStream.slnx</c>).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GenreStream.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }

    /// <summary>The code of the recipe called <paramref name="name"/> in README.md (without its fences).</summary>
    public static string Get(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md"));
        var marker = Array.FindIndex(lines, l => l.Trim() == $"<!-- recipe: {name} -->");
        if (marker < 0 || marker + 1 >= lines.Length || !lines[marker + 1].StartsWith("```", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"README.md has no recipe '{name}' (a line <!-- recipe: {name} --> followed by a fenced code block)");
        }

        var end = Array.FindIndex(lines, marker + 2, l => l.StartsWith("```", StringComparison.Ordinal));
        if (end < 0)
        {
            throw new InvalidOperationException($"the recipe '{name}' in README.md has no closing fence");
        }

        return string.Join('\n', lines[(marker + 2)..end]);
    }
}
