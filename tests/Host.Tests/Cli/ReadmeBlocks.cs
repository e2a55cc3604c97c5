namespace GenreStream.Host.Tests.Cli;

/// <summary>Code blocks of the README, found by the text just before them, so the tests run what the README shows.</summary>
internal static class ReadmeBlocks
{
    private static readonly Lazy<string> Readme = new(() => File.ReadAllText(Path.Combine(GenreStream.TestSupport.SharedData.RepositoryRoot!, "README.md")));

    /// <summary>The first <c>```<paramref name="language"/></c> block after <paramref name="marker"/>.</summary>
    public static string After(string marker, string language)
    {
        var text = Readme.Value;
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"README has no '{marker}'");
        var fence = "```" + language + "\n";
        var start = text.IndexOf(fence, at, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no {language} block after '{marker}'");
        start += fence.Length;
        var end = text.IndexOf("```", start, StringComparison.Ordinal);
        return text[start..end];
    }
}
