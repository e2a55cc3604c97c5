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
            mkdir -p "$out"
            printf '#!/bin/sh\nprintf "%%s\\n" "$@"\nexit "${FAKE_EXIT:-0}"\n' > "$out/genre"
            chmod +x "$out/genre"
            """);
        var cache = _temp.File("cache");
        var environment = new Dictionary<string, string> { ["DOTNET"] = dotnet, ["XDG_CACHE_HOME"] = cache, ["FAKE_BUILD_LOG"] = builds };
        ScriptRun.Result Genre(params string[] arguments) => ScriptRun.Run(Path.Combine(root, "scripts", "genre"), environment, arguments);
        string[] Folders() => Directory.GetDirectories(Path.Combine(cache, "genre-stream", "program"));
        string[] Programs() => File.ReadAllLines(builds).Where(l => !l.Contains("-p:GenreLiveProgram=true", StringComparison.Ordinal)).ToArray();

        var first = Genre("classify", "a song.flac");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal("classify\na song.flac\n", first.Out);
        Assert.Equal(Building + "\n", first.Error);
        Assert.Single(Programs(), l => l.StartsWith($"publish {root}/src/Host -c Release -o ", StringComparison.Ordinal));

        // Where clang is, the build is native and the live program is published beside genre as genre-live.
        var lives = File.ReadAllLines(builds).Where(l => l.Contains("-p:GenreLiveProgram=true", StringComparison.Ordinal)).ToArray();
        Assert.Equal(SessionBus.IsInstalled("clang") ? 1 : 0, lives.Length);
        Assert.Equal(lives.Length == 1, File.Exists(Path.Combine(Folders().Single(), "genre-live")));

        // The same sources: the program already built, no build and no message.
        var second = Genre("devices");
        Assert.Equal("devices\n", second.Out);
        Assert.Empty(second.Error);
        Assert.Single(Programs());
        var built = Assert.Single(Folders());

        // A changed source: built again, the old build removed.
        File.AppendAllText(source, "// two\n");
        var third = Genre("bench");
        Assert.Equal(Building + "\n", third.Error);
        Assert.Equal(2, Programs().Length);
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
    public void The_readmes_first_command_classifies_the_rock_clip_the_second_run_builds_nothing_and_listen_runs_in_genre_live()
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

        // The native build puts the live program beside genre, and the live commands run in it: the same process
        // (the wrapper's), another executable. With GENRE_ONE_PROGRAM=1 they stay in genre.
        Requires.Available(SessionBus.IsInstalled("clang") ? null : "clang is not on PATH: the plain build has no live program (apt-get install clang zlib1g-dev)");
        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(environment["XDG_CACHE_HOME"], "genre-stream", "program")));
        var live = Path.Combine(folder, "genre-live");
        Assert.True(File.Exists(live), $"no genre-live in {folder}: {string.Join(", ", Directory.GetFiles(folder).Select(Path.GetFileName))}");
        Assert.Equal(live, ListeningProgram(script, environment, clip));
        environment["GENRE_ONE_PROGRAM"] = "1";
        Assert.Equal(Path.Combine(folder, "genre"), ListeningProgram(script, environment, clip));

        // The live program has only the live commands, and says where the others are.
        var refused = ScriptRun.Run(live, new Dictionary<string, string>(), "classify", clip);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("run it with genre", refused.Error, StringComparison.Ordinal);
        Assert.Empty(refused.Out);
        var help = ScriptRun.Run(live, new Dictionary<string, string>(), "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("listen", help.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("classify  ", help.Out, StringComparison.Ordinal);
    }

    /// <summary>
    /// Starts <c>genre listen --json</c> on <paramref name="clip"/> (played at real-time pace, so it runs for about
    /// 30 s) through the wrapper, waits for its first classified window, and returns the executable the process then runs.
    /// </summary>
    private static string ListeningProgram(string script, Dictionary<string, string> environment, string clip)
    {
        using var process = ScriptRun.Start(script, environment, "listen", "--json", "--source", "file:" + clip);
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            // The first event says which source; the first classified window carries a genre.
            var classified = Task.Run(() =>
            {
                while (process.StandardOutput.ReadLine() is { } line)
                {
                    if (line.Contains("\"genre\":", StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                return false;
            });
            Assert.True(classified.Wait(TimeSpan.FromSeconds(60)), "no classified window from genre listen within 60 s");
            Assert.True(classified.Result, "genre listen ended before it classified a window");
            return new FileInfo($"/proc/{process.Id}/exe").LinkTarget!;
        }
        finally
        {
            process.Kill();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "genre listen did not end when killed");
            Assert.True(error.Wait(TimeSpan.FromSeconds(10)), "genre listen's standard error did not close after it ended");
        }
    }
}
