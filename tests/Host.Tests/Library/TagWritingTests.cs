using System.Diagnostics;
using System.Text.Json;
using GenreStream.Host.Library;
using GenreStream.Host.Tests.Cli;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Library;

/// <summary>
/// <c>classify --write-tags</c>: a dry run changes nothing; with <c>--yes</c> each file's genre is in its own tags,
/// read back by TagLibSharp and by ffprobe, the audio untouched; a file that cannot be tagged is left as it was.
/// </summary>
[Trait("Category", "Library")]
public sealed class TagWritingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public void Tags_are_listed_by_a_dry_run_and_written_with_yes_in_every_format()
    {
        var data = Requires.SharedData();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH (apt-get install ffmpeg)");
        var folder = _temp.File("music");
        Directory.CreateDirectory(folder);
        var clip = Path.Combine(data, "gtzan/country/country.00003.flac");
        var files = new Dictionary<string, string>
        {
            ["a.wav"] = "taglib/wav", ["b.flac"] = "taglib/flac", ["c.ogg"] = "taglib/ogg", ["d.mp3"] = "taglib/mp3", ["e.m4a"] = "taglib/m4a", ["f ogg named.txt"] = "taglib/ogg",
        };
        foreach (var (name, mime) in files)
        {
            var codec = mime switch { "taglib/wav" => "pcm_s16le", "taglib/flac" => "flac", "taglib/ogg" => "libvorbis", "taglib/mp3" => "libmp3lame", _ => "aac" };
            Ffmpeg.Run("-t", "2", "-i", clip, "-c:a", codec, "-f", mime == "taglib/m4a" ? "mp4" : mime[7..], Path.Combine(folder, name));
        }

        var au = Path.Combine(folder, "g.au");
        Ffmpeg.Run("-t", "2", "-i", clip, "-c:a", "pcm_s16be", "-f", "au", au);
        var model = TestModels.RandomFile(); // no unknown detector: every file is music, so every file is tagged
        var before = Directory.GetFiles(folder).ToDictionary(f => f, LibraryClassifyTests.Hash);

        var dry = CliRunner.Run(["classify", "--json", "--write-tags", "--model", model, folder]);
        Assert.Equal(3, dry.ExitCode); // the AU file cannot carry tags
        Assert.Equal(before, Directory.GetFiles(folder).ToDictionary(f => f, LibraryClassifyTests.Hash));
        var genres = dry.OutLines.Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(e => e.GetProperty("file").GetString()!, e => TagGenre.For(e.GetProperty("genre").GetString()!));
        Assert.Equal(7, genres.Count);
        foreach (var name in files.Keys)
        {
            var path = Path.Combine(folder, name);
            Assert.Contains($"genre classify: would tag {path}: genre \"\" -> \"{genres[path]}\"", dry.ErrorLines);
        }

        Assert.Contains(dry.ErrorLines, l => l.StartsWith($"genre classify: {au}: ", StringComparison.Ordinal) && l.Contains("tags are written only in", StringComparison.Ordinal));
        Assert.Contains("genre classify: 6 files would be tagged; nothing was written (add --yes to write them)", dry.ErrorLines);

        var written = CliRunner.Run(["classify", "--json", "--write-tags", "--yes", "--model", model, folder]);
        Assert.Equal(3, written.ExitCode);
        Assert.Equal(dry.Out, written.Out);
        Assert.Contains("genre classify: tags written in 6 files", written.ErrorLines);
        Assert.Equal(before[au], LibraryClassifyTests.Hash(au)); // the file that could not be tagged is as it was
        foreach (var (name, mime) in files)
        {
            var path = Path.Combine(folder, name);
            Assert.NotEqual(before[path], LibraryClassifyTests.Hash(path));
            using (var tagged = TagLib.File.Create(path, mime, TagLib.ReadStyle.Average))
            {
                Assert.Equal([genres[path]], tagged.Tag.Genres);
            }

            Assert.Contains(genres[path], FfprobeGenres(path));
        }

        // Nothing left beside the files, and the audio is the same audio.
        Assert.Equal(before.Keys.Order(), Directory.GetFiles(folder).Order());
        var after = CliRunner.Run(["classify", "--json", "--model", model, folder]);
        Assert.Equal(dry.Out, after.Out);
        var again = CliRunner.Run(["classify", "--json", "--write-tags", "--yes", "--model", model, folder]);
        Assert.Contains("genre classify: tags written in 0 files", again.ErrorLines);
    }

    /// <summary>The genre tags ffprobe sees in the container and its streams.</summary>
    private static string FfprobeGenres(string path)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-v", "error", "-show_entries", "format_tags:stream_tags", "-of", "default=noprint_wrappers=1", path })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)));
        return output;
    }
}
