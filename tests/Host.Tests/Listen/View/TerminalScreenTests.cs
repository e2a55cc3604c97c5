using GenreStream.Host.Listen.View;
using Spectre.Console;

namespace GenreStream.Host.Tests.Listen.View;

public sealed class TerminalScreenTests
{
    private const string Escape = "\u001b[";

    [Fact]
    public void Enter_switches_to_the_alternate_screen_and_hides_the_cursor_and_leave_undoes_both_once()
    {
        using var output = new StringWriter();
        using var screen = new TerminalScreen(output, unicode: true);
        screen.Enter();
        Assert.Contains(Escape + "?1049h", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(Escape + "?25l", output.ToString(), StringComparison.Ordinal);

        output.GetStringBuilder().Clear();
        screen.Leave();
        screen.Leave();
        var left = output.ToString();
        Assert.Equal(1, Count(left, Escape + "?25h"));
        Assert.Equal(1, Count(left, Escape + "?1049l"));
        Assert.True(left.IndexOf(Escape + "?25h", StringComparison.Ordinal) < left.IndexOf(Escape + "?1049l", StringComparison.Ordinal));
    }

    [Fact]
    public void A_frame_rewrites_each_line_from_the_top_and_is_cropped_to_the_height()
    {
        using var output = new StringWriter();
        using var screen = new TerminalScreen(output, unicode: true);
        screen.Enter();
        output.GetStringBuilder().Clear();

        screen.Draw(new Rows(Enumerable.Range(1, 10).Select(i => new Text($"line {i}"))), 30, 6);
        var frame = output.ToString();

        for (var row = 1; row <= 6; row++)
        {
            Assert.Contains($"{Escape}{row};1H{Escape}2Kline {row}", frame, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("line 7", frame, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', frame);
    }

    [Fact]
    public void A_short_frame_clears_the_rest_of_the_screen()
    {
        using var output = new StringWriter();
        using var screen = new TerminalScreen(output, unicode: true);
        screen.Enter();
        output.GetStringBuilder().Clear();

        screen.Draw(new Text("only line"), 30, 6);
        Assert.EndsWith($"{Escape}2;1H{Escape}0J", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_drawn_outside_the_alternate_screen()
    {
        using var output = new StringWriter();
        using var screen = new TerminalScreen(output, unicode: true);
        screen.Draw(new Text("too early"), 30, 6);
        screen.Enter();
        screen.Leave();
        screen.Draw(new Text("too late"), 30, 6);
        Assert.DoesNotContain("too", output.ToString(), StringComparison.Ordinal);
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;
}
