using System.Text.RegularExpressions;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests;

/// <summary>
/// The Host folders stay acyclic: <c>Cli</c> parses options and calls into the rest, and nothing else
/// names it; <c>Live</c> (a session from a plain setup) names none of the consumers above it. A scan of
/// the sources: a namespace import, a qualified name or any type declared in the folder counts as a use.
/// </summary>
public partial class HostFolderDependencyTests
{
    private static string HostSources => Path.Combine(SharedData.RepositoryRoot ?? throw new InvalidOperationException($"no GenreStream.slnx above {AppContext.BaseDirectory}"), "src", "Host");

    [Fact]
    public void No_Host_folder_but_Cli_uses_Cli()
    {
        var cliTypes = TypesDeclaredIn("Cli");
        Assert.Contains("CliContext", cliTypes); // the scan sees the folder's types
        var uses = Uses(file => !InFolder(file, "Cli") && Path.GetFileName(file) != "Program.cs", "Cli", cliTypes);
        Assert.True(uses.Count == 0, "Host files outside Cli that use it:\n" + string.Join('\n', uses));
    }

    [Fact]
    public void Live_uses_none_of_the_consumers()
    {
        foreach (var consumer in new[] { "Cli", "Listen", "Serve", "Outputs", "Bench", "Training", "Tray" })
        {
            var uses = Uses(file => InFolder(file, "Live"), consumer, TypesDeclaredIn(consumer));
            Assert.True(uses.Count == 0, $"Live files that use {consumer}:\n" + string.Join('\n', uses));
        }
    }

    [Fact]
    public void The_scan_finds_a_use()
    {
        var types = TypesDeclaredIn("Cli");
        Assert.NotEmpty(UsesIn("namespace GenreStream.Host.Live;\nsealed class X(CliContext c);", "Cli", types));
        Assert.NotEmpty(UsesIn("using GenreStream.Host.Cli;", "Cli", types));
        Assert.NotEmpty(UsesIn("var x = Cli.ExitCodes.Success;", "Cli", types));
        Assert.Empty(UsesIn("// genre listen's options\nvar client = 1;", "Cli", types));
    }

    private static bool InFolder(string file, string folder) =>
        Path.GetRelativePath(HostSources, file).StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(HostSources, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>The names of the types declared in <c>src/Host/&lt;folder&gt;</c>.</summary>
    private static HashSet<string> TypesDeclaredIn(string folder) =>
        SourceFiles().Where(f => InFolder(f, folder))
            .SelectMany(f => Declaration().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

    private static List<string> Uses(Func<string, bool> which, string folder, HashSet<string> types) =>
        SourceFiles().Where(which)
            .SelectMany(f => UsesIn(File.ReadAllText(f), folder, types).Select(u => $"{Path.GetRelativePath(HostSources, f)}: {u}"))
            .ToList();

    private static IEnumerable<string> UsesIn(string text, string folder, HashSet<string> types)
    {
        if (text.Contains($"GenreStream.Host.{folder}", StringComparison.Ordinal) && Regex.IsMatch(text, $@"GenreStream\.Host\.{folder}\b"))
        {
            yield return $"GenreStream.Host.{folder}";
        }

        if (Regex.IsMatch(text, $@"(?<![\w.]){folder}\.[A-Z]"))
        {
            yield return $"{folder}.…";
        }

        foreach (var word in Word().Matches(text).Select(m => m.Value).Distinct().Where(types.Contains))
        {
            yield return word;
        }
    }

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(?:struct\s+|class\s+)?([A-Z]\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Word();
}
