using System.Text.RegularExpressions;
using GenreStream.Host.Listen.View;
using GenreStream.Host.Live;
using GenreStream.Streaming.Sources;
using GenreStream.TestSupport;
using Spectre.Console;
using Spectre.Console.Testing;

namespace GenreStream.Host.Tests.Listen.View;

/// <summary>The live view's frame, rendered by Spectre.Console's test console at a fixed size.</summary>
public sealed class ViewLayoutTests
{
    private static readonly TimeSpan Elapsed = TimeSpan.FromSeconds(83);

    private static string[] Render(ViewState state, int width = 80, int height = 24, bool sorted = true, bool ansi = false)
    {
        using var console = new TestConsole().Width(width).Height(height).SupportsUnicode(true);
        if (ansi)
        {
            console.EmitAnsiSequences().Colors(ColorSystem.Standard);
        }

        console.Write(ViewLayout.Build(state, Elapsed, sorted, width, height));
        return console.Lines.ToArray();
    }

    [Fact]
    public void At_80x24_shows_the_current_genre_large_its_confidence_ten_bars_and_the_status_within_the_screen()
    {
        var lines = Render(ViewStates.Playing("rock", 0.78f));

        Assert.InRange(lines.Length, 20, 24);
        Assert.All(lines, l => Assert.Equal(80, l.Length));
        Assert.StartsWith("╭", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("╰", lines[^1], StringComparison.Ordinal);

        // The headline is the genre in FIGlet letters, exactly as Spectre draws them on their own.
        using var figlet = new TestConsole().Width(76);
        figlet.Write(new FigletText("ROCK"));
        var letters = figlet.Lines.Where(l => l.Trim().Length > 0).Select(l => l.TrimEnd()).ToArray();
        Assert.Equal(letters, lines[1..(1 + letters.Length)].Select(l => l.Trim('│').TrimEnd().Substring(1)).ToArray());

        var text = string.Join('\n', lines);
        Assert.Contains("rock · confidence 78%", text, StringComparison.Ordinal);
        Assert.Equal(10, BarLines.Order(lines).Length);
        Assert.Matches(@"│\s+rock\s+█{20,}\s78%", text);
        Assert.Matches(@"level\s+█+·+\s+-20\.0 dBFS", text);
        Assert.Contains("source file song.wav (real-time pace)", text, StringComparison.Ordinal);
        Assert.Contains("state  started · dropped 0.0 s", text, StringComparison.Ordinal);
        Assert.Contains("time   elapsed 1:23 · audio 12.0 s", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sorted_bars_put_the_most_likely_first_and_fixed_bars_keep_the_models_order()
    {
        var state = ViewStates.Playing("metal");
        var expected = TestModels.Genres.Zip(state.Smoothed).OrderByDescending(p => p.Second).Select(p => p.First).ToArray();

        Assert.Equal(expected, BarLines.Order(Render(state, sorted: true)));
        Assert.Equal("metal", expected[0]);
        Assert.Equal(TestModels.Genres, BarLines.Order(Render(state, sorted: false)));
        Assert.NotEqual(TestModels.Genres, expected);
    }

    [Fact]
    public void The_current_genres_bar_has_a_colour_of_its_own()
    {
        var lines = Render(ViewStates.Playing("jazz"), ansi: true);
        var bars = lines.Where(l => Regex.IsMatch(Strip(l), @"^│\s+[a-z]+\s+█+")).ToDictionary(l => Strip(l).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Colours);

        Assert.Contains("jazz", bars.Keys);
        var others = bars.Where(b => b.Key != "jazz").Select(b => b.Value).ToArray();
        Assert.NotEmpty(others);
        Assert.All(others, c => Assert.NotEqual(bars["jazz"], c));

        static string Strip(string line) => Regex.Replace(line, @"\x1b\[[0-9;]*m", "");
        static string Colours(string line) => string.Join(',', Regex.Matches(line, @"\x1b\[([0-9;]*)m").Select(m => m.Groups[1].Value).Where(c => c is not "0" and not "").Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Silence_is_shown_with_the_held_genre_dimmed()
    {
        var text = string.Join('\n', Render(ViewStates.Playing("blues", 0.61f, silent: true, level: -72)));
        Assert.Contains("silence · holding blues (61%)", text, StringComparison.Ordinal);
        Assert.Contains("state  started · silence · dropped 0.0 s", text, StringComparison.Ordinal);
        Assert.Matches(@"level\s+·+\s+-72\.0 dBFS", text);
    }

    [Fact]
    public void A_lost_and_recovered_source_shows_its_state_reason_and_dropped_audio()
    {
        var state = ViewStates.Playing("pop")
            .With(new SourceChanged(20, SourceState.Lost, "connection to the audio server lost", DroppedSeconds: 1.2))
            .With(new SourceChanged(22, SourceState.Recovered, "reconnected", DroppedSeconds: 3.45));
        var text = string.Join('\n', Render(state));
        Assert.Contains("state  recovered (reconnected) · dropped 3.5 s", text, StringComparison.Ordinal);
        Assert.Contains("audio 22.0 s", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_the_first_window_it_says_it_is_listening_with_empty_bars()
    {
        var lines = Render(ViewState.Waiting("monitor", TestModels.Genres));
        var text = string.Join('\n', lines);
        Assert.Contains("listening…", text, StringComparison.Ordinal);
        Assert.Contains("waiting for the first window", text, StringComparison.Ordinal);
        Assert.Contains("--.- dBFS", text, StringComparison.Ordinal);
        Assert.Contains("source monitor", text, StringComparison.Ordinal);
        Assert.Contains("state  waiting", text, StringComparison.Ordinal);
        Assert.Equal(TestModels.Genres, BarLines.Order(lines));
    }

    [Theory]
    [InlineData(40, 24)]
    [InlineData(44, 18)]
    [InlineData(60, 20)]
    public void A_narrow_or_short_screen_gets_every_line_within_its_size_with_the_genre_on_one_line(int width, int height)
    {
        var state = ViewStates.Playing("classical") with { Source = "file /home/someone/Music/a rather long folder name/track.flac (real-time pace)" };
        var lines = Render(state, width, height);

        Assert.InRange(lines.Length, 1, height);
        Assert.All(lines, l => Assert.Equal(width, l.Length));
        Assert.Equal("│  CLASSICAL", lines[1].TrimEnd('│').TrimEnd()); // too wide for FIGlet letters here
        Assert.Equal(10, BarLines.Order(lines).Length);
        Assert.Contains(lines, l => l.Contains("(real-time pace)", StringComparison.Ordinal) || l.Contains('…'));
        Assert.StartsWith("╰", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_wide_screen_stretches_the_panel_and_still_fits()
    {
        var lines = Render(ViewStates.Playing("disco"), width: 120, height: 40);
        Assert.All(lines, l => Assert.Equal(120, l.Length));
        Assert.InRange(lines.Length, 20, 40);
    }

    [Fact]
    public void A_tall_screen_fills_its_free_rows_with_a_timeline_of_recent_genres_newest_first()
    {
        var state = ViewState.Waiting("file:song.wav", TestModels.Genres).With(new SourceChanged(0, SourceState.Started, "file song.wav"));
        var t = 0.0;
        foreach (var (genre, steps) in new[] { ("jazz", 4), ("blues", 3), ("silence", 2), ("metal", 6) })
        {
            for (var n = 0; n < steps; n++)
            {
                t += 1.5;
                state = state.With(genre == "silence"
                    ? ViewStates.Update("metal", 0.6f, silent: true, time: t) with { Current = "blues" }
                    : ViewStates.Update(genre, 0.7f, time: t));
            }
        }

        var lines = Render(state, width: 80, height: 40);
        Assert.Equal(40, lines.Length); // no row left empty
        var text = lines.Select(l => l.Trim('│', ' ')).ToArray();
        var title = Array.IndexOf(text, "recent");
        Assert.True(title > 0, string.Join('\n', lines));
        var spells = text[(title + 1)..].Where(l => l.Length > 0 && !l.StartsWith('╰')).ToArray();
        Assert.Equal(["metal", "silence", "blues", "jazz"], spells.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
        Assert.Matches(@"^0:13–0:22\s+metal\s+▬+ 9\.0 s$", spells[0]); // from the step before it: the hop its first window ends
        Assert.Matches(@"^0:01–0:06\s+jazz\s+▬+ 4\.5 s$", spells[3]);

        // A short screen has no room for it.
        Assert.DoesNotContain(Render(state, width: 80, height: 24), l => l.Contains("recent", StringComparison.Ordinal));
    }

    [Fact]
    public void The_headline_and_its_bar_show_the_same_percent_rounded_once()
    {
        // 97.49%: rounded to a tenth first (97.5) and then to a whole percent it would read 98% on the bar, 97% above it.
        var lines = Render(ViewStates.Playing("rock", 0.9749f));
        var text = string.Join('\n', lines);
        Assert.Contains("rock · confidence 97%", text, StringComparison.Ordinal);
        Assert.Matches(@"│\s+rock\s+█+\s97%", text);
    }

    [Fact]
    public void During_the_hold_the_headline_says_which_genre_it_is_changing_to()
    {
        var p = ViewStates.Probabilities("jazz", 0.45f);
        p[Array.IndexOf(TestModels.Genres, "hiphop")] = 0.26f;
        var state = ViewStates.Playing("hiphop", 0.5f).With(new GenreUpdate(13.5, TestModels.Genres, "jazz", 0.45f, "hiphop", 0.26f, false, p, p, -20));

        var lines = Render(state);
        var text = string.Join('\n', lines);
        Assert.Contains("hiphop · confidence 26% · changing to jazz (45%)", text, StringComparison.Ordinal);
        Assert.Equal("jazz", BarLines.Order(lines)[0]);
        Assert.DoesNotContain("changing", string.Join('\n', Render(ViewStates.Playing("hiphop"))), StringComparison.Ordinal);
    }
}
