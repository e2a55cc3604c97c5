using GenreStream.Host.Listen.View;
using Spectre.Console;

namespace GenreStream.Host.Tests.Listen.View;

public sealed class TerminalScreenTests : IDisposable
{
    private const string Escape = "\u001b[";

    private readonly StringWriter _output = new();
    private readonly TerminalScreen _screen;

    public TerminalScreenTests() => _screen = new TerminalScreen(_output, unicode: true);

    public void Dispose()
    {
        _screen.Dispose();
        _output.Dispose();
    }

    [Fact]
    public void Enter_switches_to_the_alternate_screen_and_hides_the_cursor_and_leave_undoes_both_once()
    {
        _screen.Enter();
        Assert.Contains(Escape + "?1049h", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains(Escape + "?25l", _output.ToString(), StringComparison.Ordinal);

        _output.GetStringBuilder().Clear();
        _screen.Leave();
        _screen.Leave();
        var left = _output.ToString();
        Assert.Equal(1, Count(left, Escape + "?25h"));
        Assert.Equal(1, Count(left, Escape + "?1049l"));
        Assert.True(left.IndexOf(Escape + "?25h", StringComparison.Ordinal) < left.IndexOf(Escape + "?1049l", StringComparison.Ordinal));
    }

    [Fact]
    public void A_frame_rewrites_each_line_from_the_top_and_is_cropped_to_the_height()
    {
        var frame = DrawnAfterEnter(new Rows(Enumerable.Range(1, 10).Select(i => new Text($"line {i}"))));

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
        Assert.EndsWith($"{Escape}2;1H{Escape}0J", DrawnAfterEnter(new Text("only line")), StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_drawn_outside_the_alternate_screen()
    {
        _screen.Draw(new Text("too early"), 30, 6);
        _screen.Enter();
        _screen.Leave();
        _screen.Draw(new Text("too late"), 30, 6);
        Assert.DoesNotContain("too", _output.ToString(), StringComparison.Ordinal);
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;

    /// <summary>What one frame of <paramref name="content"/> on a 30x6 screen writes.</summary>
    private string DrawnAfterEnter(Spectre.Console.Rendering.IRenderable content)
    {
        _screen.Enter();
        _output.GetStringBuilder().Clear();
        _screen.Draw(content, 30, 6);
        return _output.ToString();
    }
}
