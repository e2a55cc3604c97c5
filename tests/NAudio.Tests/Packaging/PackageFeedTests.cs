using System.Diagnostics;
using System.IO.Compression;
using GenreStream.TestSupport;

namespace GenreStream.NAudio.Tests.Packaging;

/// <summary>
/// The libraries as a .NET developer gets them: <c>dotnet pack</c> of Model, Streaming and NAudio into a folder feed, the
/// sample application restored from that feed (not from project references) in a temporary folder, and run on a real clip.
/// </summary>
[Trait("Category", "SharedData")]
public class PackageFeedTests
{
    private static readonly string[] Libraries = ["Model", "Streaming", "NAudio"];

    [SkippableFact]
    public void The_packed_libraries_restore_into_the_sample_which_classifies_a_real_clip()
    {
        var data = Requires.SharedData();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH; install it (apt-get install ffmpeg)");
        var repository = SharedData.RepositoryRoot!;
        using var work = new TempDirectory();
        var feed = Directory.CreateDirectory(Path.Combine(work.Path, "feed")).FullName;
        // A version of its own per run, so no package cached by an earlier run can stand in for these.
        var version = $"1.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        try
        {
            foreach (var library in Libraries)
            {
                Dotnet(repository, "pack", Path.Combine(repository, "src", library), "-c", "Release", "-o", feed,
                    "--artifacts-path", Path.Combine(work.Path, "artifacts"), $"-p:Version={version}", "-nologo");
            }

            foreach (var id in Libraries.Select(l => $"GenreStream.{l}"))
            {
                var package = Path.Combine(feed, $"{id}.{version}.nupkg");
                Assert.True(File.Exists(package), $"{package} was not written");
                Assert.True(File.Exists(Path.ChangeExtension(package, ".snupkg")), $"{id}: no symbols package");
                using var zip = ZipFile.OpenRead(package);
                var entries = zip.Entries.Select(e => e.FullName).ToList();
                Assert.Contains("README.md", entries);
                Assert.Contains($"lib/net10.0/{id}.xml", entries);
                var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open()).ReadToEnd();
                Assert.Contains("<license type=\"expression\">MIT</license>", nuspec);
            }

            var sample = Directory.CreateDirectory(Path.Combine(work.Path, "sample")).FullName;
            foreach (var file in Directory.GetFiles(Path.Combine(repository, "samples", "GenreSample")))
            {
                File.Copy(file, Path.Combine(sample, Path.GetFileName(file)));
            }

            File.WriteAllText(Path.Combine(sample, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="genre-local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            var wav = Path.Combine(work.Path, "metal.wav");
            Ffmpeg.Run("-i", Path.Combine(data, "gtzan", "metal", "metal.00000.flac"), "-ar", "44100", "-ac", "2", "-c:a", "pcm_s16le", wav);

            var output = Dotnet(sample, "run", "-c", "Release", $"-p:GenreStreamVersion={version}", "-p:TreatWarningsAsErrors=true", "--", wav);

            var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
            Assert.StartsWith($"{wav}: ", line);
            Assert.Contains(TestModels.Genres, g => line.Contains($": {g} (", StringComparison.Ordinal));
            Assert.Contains("(Music,", line);
            // The restore took the packages from the folder feed (its assets name the feed as their source).
            var assets = File.ReadAllText(Path.Combine(sample, "obj", "project.assets.json"));
            Assert.Contains($"\"GenreStream.Model/{version}\"", assets);
        }
        finally
        {
            // The run's own versions leave the global package cache again.
            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var library in Libraries)
            {
                var cached = Path.Combine(cache, $"genrestream.{library.ToLowerInvariant()}", version);
                if (Directory.Exists(cached))
                {
                    Directory.Delete(cached, recursive: true);
                }
            }
        }
    }

    private static string Dotnet(string directory, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(10)), $"dotnet {string.Join(' ', arguments)} did not finish in 10 minutes");
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}\n{error.Result}");
        return output;
    }
}
