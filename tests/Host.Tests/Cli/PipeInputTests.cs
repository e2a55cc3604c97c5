using System.Diagnostics;
using System.Text.Json;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Cli;

/// <summary>
/// Inputs that cannot be rewound, through the real <c>genre classify</c>: process substitution (<c>/dev/fd/N</c>)
/// and a named pipe with a writer are read once, their format sniffed from a buffer, and give the same result as
/// the file itself; the writer is never cut off (SIGPIPE) and the files after the pipe are still classified.
/// </summary>
public sealed class PipeInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Music(string name, int seconds, int seed) => _temp.Write(name, new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, seconds, seed)));

    private static string Probabilities(string jsonLine)
    {
        using var doc = JsonDocument.Parse(jsonLine);
        return doc.RootElement.GetProperty("probabilities").GetRawText();
    }

    [SkippableFact]
    public void Process_substitution_of_a_wav_and_a_flac_classifies_them_as_the_files_themselves()
    {
        var data = Requires.SharedData();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH (apt-get install ffmpeg)");
        var wav = Music("a.wav", 8, 1);
        var flac = Path.Combine(data, "gtzan/jazz/jazz.00000.flac");

        var (code, output, error) = GenreProcessTests.RunGenreInShell($"<(cat '{wav}') <(cat '{flac}') '{wav}'", "classify", "--json");
        var direct = GenreProcessTests.RunGenre("classify", "--json", wav, flac);

        Assert.True(code == 0, string.Join('\n', error));
        Assert.Equal(3, output.Length);
        Assert.StartsWith("{\"file\":\"/dev/fd/", output[0], StringComparison.Ordinal);
        Assert.Equal(Probabilities(direct.Out[0]), Probabilities(output[0]));
        Assert.Equal(Probabilities(direct.Out[1]), Probabilities(output[1]));
        Assert.Equal(Probabilities(direct.Out[0]), Probabilities(output[2]));
    }

    [SkippableFact]
    public void A_named_pipe_with_a_writer_is_read_once_to_the_end_and_the_next_file_is_still_classified()
    {
        var fifo = _temp.NamedPipe("audio.pipe");

        var first = Music("first.wav", 8, 2);
        var next = Music("next.wav", 6, 3);

        // The writer: cat, which a reader that closes early kills with SIGPIPE (bash reports 141).
        using var writer = Process.Start("bash", ["-c", $"cat '{first}' > '{fifo}'"]);
        var (code, output, error) = GenreProcessTests.RunGenre("classify", "--json", fifo, next);
        Assert.True(writer.WaitForExit(TimeSpan.FromMinutes(1)), "the writer never finished");

        Assert.Equal(0, writer.ExitCode);
        Assert.True(code == 0, string.Join('\n', error));
        Assert.Equal(2, output.Length);
        Assert.Equal(Probabilities(GenreProcessTests.RunGenre("classify", "--json", first).Out[0]), Probabilities(output[0]));
        Assert.Contains(next, output[1], StringComparison.Ordinal);
    }
}
