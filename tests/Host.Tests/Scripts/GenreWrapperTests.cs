using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Scripts;

/// <summary>
/// <c>scripts/genre</c>, the README's first command: it publishes the program once per state of the sources
/// into a cache folder, then runs the published program with the caller's arguments and exit code.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class GenreWrapperTests : IDisposable
{
    private const string Building = "building genre (first run only)...";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// The wrapper in a copy of the repository's layout with a stand-in <c>dotnet</c> whose "published program"
    /// prints its arguments one per line and exits with <c>$FAKE_EXIT</c>: the wrapper's own logic, in seconds.
    /// </summary>
    [Fact]
    public void Builds_once_rebuilds_when_a_source_changes_and_passes_arguments_and_exit_codes_through()
    {
        var root = Directory.CreateDirectory(_temp.File("repo")).FullName;
        Directory.CreateDirectory(Path.Combine(root, "scripts"));
        Directory.CreateDirectory(Path.Combine(root, "src", "Host"));
        Directory.CreateDirectory(Path.Combine(root, "config"));
        ScriptRun.WriteExecutable(Path.Combine(root, "scripts", "genre"), File.ReadAllText(Path.Combine(SharedData.RepositoryRoot!, "scripts", "genre")));
        var source = Path.Combine(root, "src", "Host", "Program.cs");
        File.WriteAllText(source, "// one\n");
        File.WriteAllText(Path.Combine(root, "config", "settings.json"), "{}\n");
        var builds = _temp.File("builds.log");
        var dotnet = ScriptRun.WriteExecutable(_temp.File("dotnet"), """
            #!/bin/sh
            echo "$*" >> "$FAKE_BUILD_LOG"
            out=""
            while [ $# -gt 0 ]; do [ "$1" = "-o" ] && out=$2; shift; done
            printf '#!/bin/sh\nprintf "%%s\\n" "$@"\nexit "${FAKE_EXIT:-0}"\n' > "$out/genre"
            chmod +x "$out/genre"
            """);
        var cache = _temp.File("cache");
        var environment = new Dictionary<string, string> { ["DOTNET"] = dotnet, ["XDG_CACHE_HOME"] = cache, ["FAKE_BUILD_LOG"] = builds };
        ScriptRun.Result Genre(params string[] arguments) => ScriptRun.Run(Path.Combine(root, "scripts", "genre"), environment, arguments);
        string[] Folders() => Directory.GetDirectories(Path.Combine(cache, "genre-stream", "program"));

        var first = Genre("classify", "a song.flac");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal("classify\na song.flac\n", first.Out);
        Assert.Equal(Building + "\n", first.Error);
        Assert.Single(File.ReadAllLines(builds), l => l.StartsWith($"publish {root}/src/Host -c Release -o ", StringComparison.Ordinal));

        // The same sources: the program already built, no build and no message.
        var second = Genre("devices");
        Assert.Equal("devices\n", second.Out);
        Assert.Empty(second.Error);
        Assert.Single(File.ReadAllLines(builds));
        var built = Assert.Single(Folders());

        // A changed source: built again, the old build removed.
        File.AppendAllText(source, "// two\n");
        var third = Genre("bench");
        Assert.Equal(Building + "\n", third.Error);
        Assert.Equal(2, File.ReadAllLines(builds).Length);
        Assert.NotEqual(built, Assert.Single(Folders()));

        // The program's exit code is the wrapper's.
        environment["FAKE_EXIT"] = "3";
        Assert.Equal(3, Genre("classify", "missing.wav").ExitCode);
        environment["FAKE_EXIT"] = "130";
        Assert.Equal(130, Genre("listen").ExitCode);
    }

    [Fact]
    public void A_failed_build_shows_the_build_output_and_leaves_no_program_behind()
    {
        var dotnet = ScriptRun.WriteExecutable(_temp.File("dotnet"), "#!/bin/sh\necho 'Program.cs(1,1): error CS1002: ; expected'\nexit 1\n");
        var cache = _temp.File("cache");
        var result = ScriptRun.Run(Path.Combine(SharedData.RepositoryRoot!, "scripts", "genre"), new Dictionary<string, string> { ["DOTNET"] = dotnet, ["XDG_CACHE_HOME"] = cache }, "classify", "x.wav");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error CS1002", result.Error, StringComparison.Ordinal);
        Assert.Contains("the build failed", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(cache, "genre-stream", "program")));
    }

    /// <summary>The README's first command for real: a real publish (about a minute), then the published program.</summary>
    [SkippableFact]
    public void The_readmes_first_command_classifies_the_rock_clip_and_the_second_run_builds_nothing()
    {
        var data = Requires.SharedData();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH (apt-get install ffmpeg)");
        var environment = new Dictionary<string, string> { ["XDG_CACHE_HOME"] = _temp.File("cache") };
        var script = Path.Combine(SharedData.RepositoryRoot!, "scripts", "genre");
        var clip = Path.Combine(data, "gtzan", "rock", "rock.00000.flac");

        var first = ScriptRun.Run(script, environment, "classify", clip);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.StartsWith(Building, first.Error, StringComparison.Ordinal);
        Assert.StartsWith($"{clip}: rock (", first.Out, StringComparison.Ordinal);

        var second = ScriptRun.Run(script, environment, "classify", "--json", clip);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.DoesNotContain(Building, second.Error, StringComparison.Ordinal);
        Assert.Contains("\"genre\":\"rock\"", second.Out, StringComparison.Ordinal);
    }
}
