namespace GenreStream.TestSupport;

/// <summary>
/// Locates the machine's shared data folder (<c>../shared/data</c> next to the repository, the folder
/// holding GenreStream.slnx). Tests that need it skip loudly with <see cref="MissingMessage"/> when absent.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> LazyRoot = new(FindRoot);

    /// <summary>Full path of the shared data folder, or null when it does not exist.</summary>
    public static string? Root => LazyRoot.Value;

    /// <summary>The repository's root (the folder holding GenreStream.slnx) above the test binaries, or null.</summary>
    public static string? RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "GenreStream.slnx")))
                {
                    return dir.FullName;
                }
            }

            return null;
        }
    }

    /// <summary>Skip reason naming where the folder was looked for.</summary>
    public static string MissingMessage =>
        $"../shared/data not found (looked next to the repository root found from {AppContext.BaseDirectory}); real-data test skipped";

    private static string? FindRoot()
    {
        if (RepositoryRoot is not { } repository)
        {
            return null;
        }

        var data = Path.GetFullPath(Path.Combine(repository, "..", "shared", "data"));
        return Directory.Exists(data) ? data : null;
    }
}
