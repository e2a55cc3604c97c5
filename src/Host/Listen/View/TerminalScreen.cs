using Spectre.Console;
using Spectre.Console.Rendering;

namespace GenreStream.Host.Listen.View;

/// <summary>
/// The terminal as one full screen for the live view: the alternate screen buffer with the cursor hidden,
/// each frame written in one go and overwriting every line from the top, so a resize never leaves old lines
/// behind. <see cref="Leave"/> restores the normal screen and the cursor; it is safe to call more than once
/// and from any thread.
/// </summary>
internal sealed class TerminalScreen : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TextWriter _output;
    private readonly StringWriter _buffer = new();
    private readonly IAnsiConsole _frame;
    private bool _entered;

    /// <param name="output">The terminal (standard output).</param>
    /// <param name="unicode">Whether the terminal shows Unicode (box lines, blocks); else ASCII fallbacks.</param>
    public TerminalScreen(TextWriter output, bool unicode)
    {
        _output = output;

        // Frames are composed off screen and written with one call, so the terminal never shows half of one.
        _frame = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_buffer),
        });
        _frame.Profile.Capabilities.Unicode = unicode;
    }

    /// <summary>Switches to the alternate screen, hides the cursor and clears.</summary>
    public void Enter()
    {
        lock (_gate)
        {
            _entered = true;
            Flush(w => w.EnterAltScreen().HideCursor().EraseInDisplay(2));
        }
    }

    /// <summary>Draws <paramref name="frame"/> over the whole screen, cropped to <paramref name="height"/> lines.</summary>
    public void Draw(IRenderable frame, int width, int height)
    {
        lock (_gate)
        {
            if (!_entered)
            {
                return;
            }

            _frame.Profile.Width = width;
            _frame.Profile.Height = height;
            _frame.Write(frame);
            var lines = _buffer.ToString().TrimEnd('\n').Split('\n');
            _buffer.GetStringBuilder().Clear();

            var count = Math.Min(lines.Length, height);
            for (var row = 0; row < count; row++)
            {
                _frame.WriteAnsi(w => w.CursorPosition(row + 1, 1).EraseInLine(2));
                _buffer.Write(lines[row].TrimEnd('\r'));
            }

            _frame.WriteAnsi(w => w.ResetStyle());
            if (count < height)
            {
                _frame.WriteAnsi(w => w.CursorPosition(count + 1, 1).EraseInDisplay(0));
            }

            Flush(_ => { });
        }
    }

    /// <summary>Shows the cursor and goes back to the normal screen, as it was before <see cref="Enter"/>.</summary>
    public void Leave()
    {
        lock (_gate)
        {
            if (!_entered)
            {
                return;
            }

            _entered = false;
            Flush(w => w.ResetStyle().ShowCursor().ExitAltScreen());
        }
    }

    public void Dispose()
    {
        Leave();
        _buffer.Dispose();
    }

    private void Flush(Action<AnsiWriter> codes)
    {
        _frame.WriteAnsi(codes);
        _output.Write(_buffer.ToString());
        _output.Flush();
        _buffer.GetStringBuilder().Clear();
    }
}
