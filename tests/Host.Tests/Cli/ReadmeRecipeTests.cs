using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Cli;

/// <summary>The README's recipes as a reader would paste them, with the tools <c>scripts/test.sh</c> installs.</summary>
public sealed partial class ReadmeRecipeTests
{
    /// <summary>A recipe line: a command piped into <c>out/genre</c>, then an optional comment.</summary>
    [GeneratedRegex(@"^(?<feed>\S[^|\n]*)\| (?<genre>out/genre classify [^#\n]*?)\s*(#.*)?$", RegexOptions.Multiline)]
    private static partial Regex PipedClassify();

    [SkippableFact]
    public void The_stdin_recipe_runs_with_ffmpeg_and_gives_the_files_genre()
    {
        var data = Requires.SharedData();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH (apt-get install ffmpeg)");
        var readme = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot!, "README.md"));
        var recipe = Assert.Single(PipedClassify().Matches(readme));

        // ffmpeg is what scripts/test.sh installs and the README's prerequisites name.
        var feed = recipe.Groups["feed"].Value.Trim();
        Assert.StartsWith("ffmpeg ", feed, StringComparison.Ordinal);
        Assert.Contains("song.mp3", feed, StringComparison.Ordinal);

        var clip = Path.Combine(data, "gtzan/country/country.00001.flac");
        var program = Path.Combine(AppContext.BaseDirectory, "genre.dll");
        var command = $"{feed.Replace("song.mp3", $"'{clip}'", StringComparison.Ordinal)} | {recipe.Groups["genre"].Value.Replace("out/genre", $"dotnet '{program}'", StringComparison.Ordinal)} --json";
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var shell = Process.Start(start)!;
        shell.StandardInput.Close();
        var error = shell.StandardError.ReadToEndAsync();
        var output = shell.StandardOutput.ReadToEnd();
        Assert.True(shell.WaitForExit(TimeSpan.FromMinutes(2)), "the recipe did not finish");
        Assert.True(shell.ExitCode == 0, $"{command}\n{error.Result}");

        // The same genre as the file read directly.
        var (code, direct, directError) = GenreProcessTests.RunGenre("classify", "--json", clip);
        Assert.True(code == 0, string.Join('\n', directError));
        using var piped = JsonDocument.Parse(output.Trim());
        using var file = JsonDocument.Parse(direct[0]);
        Assert.Equal(file.RootElement.GetProperty("genre").GetString(), piped.RootElement.GetProperty("genre").GetString());
    }
}
