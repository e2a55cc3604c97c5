using System.Diagnostics;
using System.Text.Json;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Cli;

/// <summary>The real <c>genre</c> program as a separate process, on files made from real recordings in ../shared/data.</summary>
public sealed class GenreProcessTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    internal static (int ExitCode, string[] Out, string[] Error) RunGenre(params string[] args) => RunGenreWith(null, args);

    /// <summary>Runs the real program with extra environment variables (e.g. a password that must not be on the command line).</summary>
    internal static (int ExitCode, string[] Out, string[] Error) RunGenreWith(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "genre.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(program);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return Run(start);
    }

    /// <summary>
    /// Runs the real program from bash with <paramref name="shellText"/> after its arguments: redirections or more arguments in shell syntax (e.g. <c>&gt;/dev/full</c>, <c>&lt;(cat x.wav)</c>,
    /// <c>&gt;&amp;-</c>, <c>| head -1</c>); with <c>pipefail</c>, so a pipeline's exit code is the program's.
    /// </summary>
    internal static (int ExitCode, string[] Out, string[] Error) RunGenreInShell(string shellText, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in new[] { "-c", $"set -o pipefail; dotnet \"$0\" \"$@\" {shellText}", Path.Combine(AppContext.BaseDirectory, "genre.dll") }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }

        return Run(start);
    }

    private static (int ExitCode, string[] Out, string[] Error) Run(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("genre did not finish within two minutes");
        }

        static string[] Lines(string s) => s.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (process.ExitCode, Lines(output.Result), Lines(error.Result));
    }

    [SkippableFact]
    public void Classifies_real_clips_as_44k_stereo_wav_au_and_ogg_and_reports_a_broken_file()
    {
        var data = Requires.SharedData();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH (apt-get install ffmpeg)");
        var wav = _temp.File("rock.wav");
        var au = _temp.File("jazz.au");
        var ogg = _temp.File("disco.ogg");
        Ffmpeg.Run("-i", Path.Combine(data, "gtzan/rock/rock.00000.flac"), "-ar", "44100", "-ac", "2", "-c:a", "pcm_s16le", wav);
        Ffmpeg.Run("-i", Path.Combine(data, "gtzan/jazz/jazz.00000.flac"), "-c:a", "pcm_s16be", "-f", "au", au);
        Ffmpeg.Run("-i", Path.Combine(data, "gtzan/disco/disco.00000.flac"), "-c:a", "libvorbis", ogg);
        var broken = _temp.Write("broken.wav", File.ReadAllBytes(wav).AsSpan(0, 40).ToArray());
        var model = _temp.File("model.json");
        File.Copy(TestModels.RandomFile(), model);

        var (code, output, error) = RunGenre("classify", "--json", "--model", model, wav, broken, au, ogg);

        Assert.Equal(3, code);
        Assert.Equal(3, output.Length);
        Assert.Single(error);
        Assert.StartsWith($"genre classify: {broken}: ", error[0], StringComparison.Ordinal);
        var files = new[] { wav, au, ogg };
        for (var i = 0; i < 3; i++)
        {
            using var doc = JsonDocument.Parse(output[i]);
            Assert.Equal(files[i], doc.RootElement.GetProperty("file").GetString());
            var p = doc.RootElement.GetProperty("probabilities").EnumerateObject().Select(e => e.Value.GetDouble()).ToArray();
            Assert.Equal(10, p.Length);
            Assert.Equal(1.0, p.Sum(), 1e-6);
            // A 30 s clip at 3 s windows every 1.5 s gives 19 windows.
            Assert.InRange(doc.RootElement.GetProperty("windows").GetInt32(), 18, 20);
        }
    }

    [Fact]
    public void No_arguments_is_a_usage_error_with_exit_code_2()
    {
        var (code, output, error) = RunGenre();
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(error, l => l.Contains("--help", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Without_model_option_the_bundled_model_classifies_a_real_clip()
    {
        var data = Requires.SharedData();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH (apt-get install ffmpeg)");
        var (code, output, error) = RunGenre("classify", "--json", Path.Combine(data, "gtzan/classical/classical.00000.flac"));
        Assert.True(code == 0, string.Join("\n", error));
        using var doc = JsonDocument.Parse(output[0]);
        Assert.Equal(TestModels.Genres, doc.RootElement.GetProperty("probabilities").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(1.0, doc.RootElement.GetProperty("probabilities").EnumerateObject().Sum(p => p.Value.GetDouble()), 1e-6);
    }
}
