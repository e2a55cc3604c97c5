using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Cli;

/// <summary>
/// Output that cannot be written, through the real program from a shell: a full device, a closed descriptor, a
/// reader that went away. One line naming the output and exit code 5, or for a closed pipe a quiet end (141);
/// never exit 0 with the events lost, never a stack trace, never a hang.
/// </summary>
public sealed class OutputFailureTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Music(int seconds) => _temp.Write($"music{seconds}.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, seconds, 5)));

    [Fact]
    public void Listen_to_a_full_device_is_one_line_naming_standard_output_and_exit_5()
    {
        var (code, _, error) = GenreProcessTests.RunGenreInShell(">/dev/full", "listen", "--source", "file:" + Music(10), "--fast", "--json");
        Assert.Equal(5, code);
        Assert.Equal(["genre listen: cannot write to standard output: No space left on device"], error);
    }

    [Fact]
    public void Classify_to_a_full_device_blames_standard_output_not_the_input()
    {
        var (code, _, error) = GenreProcessTests.RunGenreInShell(">/dev/full", "classify", Music(4));
        Assert.Equal(5, code);
        Assert.Equal(["genre classify: cannot write to standard output: No space left on device"], error);
    }

    [Fact]
    public void Listen_with_standard_output_closed_is_one_line_and_exit_5_within_its_duration()
    {
        // Before: an UnauthorizedAccessException stack trace, then no end at all (the test's two minutes ran out).
        var (code, _, error) = GenreProcessTests.RunGenreInShell(">&-", "listen", "--source", "file:" + Music(10), "--json", "--duration", "6");
        Assert.Equal(5, code);
        Assert.Equal(["genre listen: cannot write to standard output: Bad file descriptor"], error);
    }

    [Fact]
    public void Listen_into_head_ends_quietly_when_head_has_gone_like_other_filters()
    {
        // At real-time pace a 40 s file would keep the program running (and exit 0) long after head left.
        var (code, output, error) = GenreProcessTests.RunGenreInShell("| head -1", "listen", "--source", "file:" + Music(40), "--json");
        Assert.Equal(141, code);
        Assert.Single(output);
        Assert.Contains("\"state\":\"started\"", output[0], StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public void Jsonl_to_a_full_device_ends_the_run_with_one_line_naming_it_and_exit_5()
    {
        // Before: "the reader went away; waiting for the next one" twice per event, every event lost, exit 0.
        var (code, output, error) = GenreProcessTests.RunGenreInShell(string.Empty, "listen", "--source", "file:" + Music(20), "--fast", "--json", "--jsonl", "/dev/full");
        Assert.Equal(5, code);
        var line = Assert.Single(error);
        Assert.StartsWith("genre listen: cannot write to jsonl:/dev/full: No space left on device (", line, StringComparison.Ordinal);
        Assert.DoesNotContain("reader went away", line, StringComparison.Ordinal);
        Assert.NotEmpty(output);
    }

    [Fact]
    public void Jsonl_to_a_read_only_file_ends_the_run_with_one_line_and_exit_5()
    {
        // /proc/version refuses writes even from root, whom file permissions do not stop.
        var (code, _, error) = GenreProcessTests.RunGenreInShell(string.Empty, "listen", "--source", "file:" + Music(20), "--fast", "--json", "--jsonl", "/proc/version");
        Assert.Equal(5, code);
        var line = Assert.Single(error);
        Assert.StartsWith("genre listen: cannot write to jsonl:/proc/version: ", line, StringComparison.Ordinal);
    }
}
