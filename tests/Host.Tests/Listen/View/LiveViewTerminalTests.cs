using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Listen.View;

/// <summary>
/// The real <c>genre listen</c> on a real terminal (Debian's tmux): the live view appears, redraws to fit
/// when the window is resized, and Ctrl+C ends it with code 130 and a clean screen.
/// </summary>
[Trait("Category", "Terminal")]
public sealed class LiveViewTerminalTests : IDisposable
{
    /// <summary>Generous: the machine may be busy building and testing other things.</summary>
    private static readonly TimeSpan FirstGenre = TimeSpan.FromSeconds(120), Redraw = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _temp = new();
    private readonly TmuxTerminal _terminal = new();

    public void Dispose()
    {
        _terminal.Dispose();
        _temp.Dispose();
    }

    /// <summary>The whole panel, at <paramref name="width"/> columns, with its ten bars, on the screen.</summary>
    private static bool IsFrame(string[] screen, int width) =>
        screen[0].Length == width && screen[0].StartsWith('╭') && screen[0].EndsWith('╮')
        && screen.Any(l => l.Length == width && l.StartsWith('╰'))
        && BarLines.Order(screen).Length == 10;

    [SkippableFact]
    public void Shows_the_genre_and_ten_bars_redraws_on_resize_and_leaves_a_clean_terminal_on_ctrl_c()
    {
        Requires.Available(TmuxTerminal.WhyUnavailable);

        // Five minutes of audio at real-time pace: the source never ends during the test.
        var wav = _temp.Write("music.wav", new WavFileBuilder { SampleRate = 11025 }.Build(Signals.MusicLike(11025, 300, 7)));
        var program = Path.Combine(AppContext.BaseDirectory, "genre.dll");

        // The shell ignores Ctrl+C for itself only (a trapped signal is reset in its child), reports genre's
        // exit code and keeps the window open to be read.
        // A model without an unknown detector: the synthetic "music" is not music to the bundled one.
        var model = TestModels.RandomFile();
        _terminal.Start(80, 24, $"trap true INT; dotnet '{program}' listen --source 'file:{wav}' --model '{model}' --bars fixed; echo \"genre exited with $?\"; sleep 600");

        var screen = _terminal.WaitFor(s => IsFrame(s, 80) && s.Any(l => l.Contains(" · confidence ", StringComparison.Ordinal)), FirstGenre, "the first genre and ten bars");
        Assert.Equal(TestModels.Genres, BarLines.Order(screen));
        Assert.InRange(screen.Length, 20, 24);
        Assert.Contains(screen, l => l.Contains($"source file {wav} (real-time pace)", StringComparison.Ordinal));
        Assert.Contains(screen, l => l.Contains("state  started · dropped 0.0 s", StringComparison.Ordinal));
        Assert.Contains(screen, l => l.Contains("dBFS", StringComparison.Ordinal));
        Assert.Contains(screen, l => l.Contains("time   elapsed ", StringComparison.Ordinal));
        Assert.Equal("1", _terminal.Format("#{alternate_on}"));
        Assert.Equal("0", _terminal.Format("#{cursor_flag}"));

        _terminal.Resize(100, 30);
        _terminal.WaitFor(s => IsFrame(s, 100), Redraw, "the view redrawn at 100x30");
        _terminal.Resize(50, 20);
        screen = _terminal.WaitFor(s => IsFrame(s, 50), Redraw, "the view redrawn at 50x20");
        Assert.Equal(TestModels.Genres, BarLines.Order(screen));
        Assert.InRange(screen.Length, 18, 20);

        _terminal.SendKeys("C-c");
        screen = _terminal.WaitFor(s => s.Any(l => l.StartsWith("genre exited with", StringComparison.Ordinal)), Redraw, "genre to exit after Ctrl+C", joinWrapped: true);
        Assert.Contains("genre exited with 130", screen);
        Assert.Contains(screen, l => l.StartsWith("genre listen: ", StringComparison.Ordinal) && l.EndsWith("source ended: interrupted", StringComparison.Ordinal));
        Assert.DoesNotContain(screen, l => l.IndexOfAny(['╭', '│', '╰', '█']) >= 0);
        Assert.Equal("0", _terminal.Format("#{alternate_on}"));
        Assert.Equal("1", _terminal.Format("#{cursor_flag}"));
    }

    [SkippableFact]
    public void A_tall_terminal_is_filled_to_its_last_row_with_a_timeline_and_the_headline_percent_is_its_bars()
    {
        Requires.Available(TmuxTerminal.WhyUnavailable);
        var wav = _temp.Write("music.wav", new WavFileBuilder { SampleRate = 11025 }.Build(Signals.MusicLike(11025, 300, 7)));
        var program = Path.Combine(AppContext.BaseDirectory, "genre.dll");
        var model = TestModels.RandomFile();
        _terminal.Start(80, 40, $"dotnet '{program}' listen --source 'file:{wav}' --model '{model}'; sleep 600");

        // Two steps shown in the timeline, under the whole panel.
        var screen = _terminal.WaitFor(
            s => IsFrame(s, 80) && s.Length == 40 && s[39].StartsWith('╰') && Array.FindIndex(s, l => l.Contains("│ recent ", StringComparison.Ordinal)) is var t && t > 0
                && s.Skip(t + 1).Any(l => l.Contains(" s ", StringComparison.Ordinal) && l.Contains('▬')),
            FirstGenre,
            "the view filling 40 rows with a timeline");
        var headline = System.Text.RegularExpressions.Regex.Match(string.Join('\n', screen), @"(?<genre>[a-z]+) · confidence (?<percent>\d+%)");
        Assert.True(headline.Success, string.Join('\n', screen));
        var bar = screen.Single(l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^│\s+{headline.Groups["genre"].Value}\s+█*\s*\d+%"));
        Assert.Contains(" " + headline.Groups["percent"].Value, bar, StringComparison.Ordinal);
    }

    /// <summary>
    /// Two SIGINTs close together (a double Ctrl+C): the first asks the view to stop, the second exits at once,
    /// with code 130 and the terminal back to its normal screen with a cursor. Before, about every other run
    /// aborted in System.CommandLine's signal handler ("Unhandled exception… ProcessTerminationHandler.Cancel",
    /// SIGABRT, exit 134), so each gap is tried in three fresh terminals.
    /// </summary>
    [SkippableTheory]
    [InlineData(5)]
    [InlineData(30)]
    public void A_second_ctrl_c_exits_at_once_cleanly_and_restores_the_terminal(int millisecondsApart)
    {
        Requires.Available(TmuxTerminal.WhyUnavailable);
        var wav = _temp.Write("music.wav", new WavFileBuilder { SampleRate = 11025 }.Build(Signals.MusicLike(11025, 300, 7)));
        for (var round = 0; round < 3; round++)
        {
            InterruptTwice(wav, millisecondsApart, round);
        }
    }

    private void InterruptTwice(string wav, int millisecondsApart, int round)
    {
        using var terminal = new TmuxTerminal();
        var program = Path.Combine(AppContext.BaseDirectory, "genre.dll");
        var pidFile = _temp.File($"genre.{round}.pid");

        // The inner shell writes its process id and becomes genre, so that genre alone gets the signals.
        var model = TestModels.RandomFile();
        terminal.Start(80, 24, $"trap true INT; sh -c 'echo $$ > {pidFile}; exec dotnet {program} listen --source file:{wav} --model {model}'; echo \"genre exited with $?\"; sleep 600");
        terminal.WaitFor(s => IsFrame(s, 80), FirstGenre, "the live view");
        Assert.Equal("1", terminal.Format("#{alternate_on}"));

        var pid = File.ReadAllText(pidFile).Trim();
        var seconds = (millisecondsApart / 1000.0).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        // The first must arrive; the second may find genre already gone (a quick clean exit), which is fine.
        using (var signals = System.Diagnostics.Process.Start("/bin/sh", ["-c", $"kill -INT {pid} || exit 1; sleep {seconds}; kill -INT {pid} 2>/dev/null; exit 0"]))
        {
            Assert.True(signals.WaitForExit(TimeSpan.FromSeconds(30)), "kill did not finish");
            Assert.Equal(0, signals.ExitCode);
        }

        var screen = terminal.WaitFor(s => s.Any(l => l.StartsWith("genre exited with", StringComparison.Ordinal)), Redraw, "genre to exit after two SIGINTs", joinWrapped: true);
        Assert.True(screen.Contains("genre exited with 130"), $"round {round}, {millisecondsApart} ms apart:\n{string.Join('\n', screen)}");
        Assert.DoesNotContain(screen, l => l.Contains("Unhandled exception", StringComparison.Ordinal));
        Assert.DoesNotContain(screen, l => l.IndexOfAny(['╭', '│', '╰', '█']) >= 0);
        Assert.Equal("0", terminal.Format("#{alternate_on}"));
        Assert.Equal("1", terminal.Format("#{cursor_flag}"));
    }
}
