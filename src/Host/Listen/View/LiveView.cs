using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using GenreStream.Host.Live;
using GenreStream.Streaming.Sources;

namespace GenreStream.Host.Listen.View;

/// <summary>
/// The live terminal view of <c>genre listen</c>. <see cref="Write"/> only records the event in a
/// <see cref="ViewState"/> snapshot and wakes the render thread, so the pipeline never waits for the
/// terminal; the render thread draws the latest snapshot at most <see cref="DisplayOptions.MaxFramesPerSecond"/>
/// times a second (and once a second for the clock, and on a resize). <see cref="Finish"/> restores the
/// terminal and leaves one summary line on it; the process's exit and an unhandled exception restore it too.
/// </summary>
internal sealed class LiveView : IListenSink
{
    /// <summary>Longest wait between frames: the elapsed clock ticks in seconds.</summary>
    private static readonly TimeSpan ClockTick = TimeSpan.FromSeconds(1);

    private readonly TextWriter _output;
    private readonly TerminalScreen _screen;
    private readonly Func<(int Width, int Height)> _size;
    private readonly DisplayOptions _options;
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly ManualResetEventSlim _changed = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _renderer;
    private readonly PosixSignalRegistration? _resized;
    private ViewState _state;
    private int _finished;

    /// <param name="output">The terminal.</param>
    /// <param name="labels">The model's genres.</param>
    /// <param name="source">What is being listened to, as the user named it.</param>
    /// <param name="options">Bar order and frame rate.</param>
    /// <param name="size">The terminal's current size in columns and lines.</param>
    /// <param name="time">The clock for the elapsed time.</param>
    /// <param name="unicode">Whether the terminal shows Unicode.</param>
    public LiveView(TextWriter output, IReadOnlyList<string> labels, string source, DisplayOptions options, Func<(int Width, int Height)> size, TimeProvider time, bool unicode)
    {
        _output = output;
        _screen = new TerminalScreen(output, unicode);
        _size = size;
        _options = options;
        _time = time;
        _start = time.GetTimestamp();
        _state = ViewState.Waiting(source, labels);

        AppDomain.CurrentDomain.ProcessExit += OnProcessEnd;
        AppDomain.CurrentDomain.UnhandledException += OnProcessEnd;
        if (!OperatingSystem.IsWindows())
        {
            _resized = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => _changed.Set());
        }

        _screen.Enter();
        _renderer = new Thread(Render) { IsBackground = true, Name = "genre live view" };
        _renderer.Start();
    }

    public double LastTime => Volatile.Read(ref _state).AudioSeconds;

    /// <summary>The view on the program's own console, written through <paramref name="output"/> (its standard output).</summary>
    public static LiveView OnConsole(TextWriter output, IReadOnlyList<string> labels, string source, DisplayOptions options) =>
        new(output, labels, source, options, ConsoleSize, TimeProvider.System, Console.OutputEncoding.CodePage == Encoding.UTF8.CodePage);

    public void Write(LiveEvent e)
    {
        // Events come one at a time from the pipeline thread: it alone replaces the snapshot.
        Volatile.Write(ref _state, _state.With(e));
        _changed.Set();
    }

    public void Finish()
    {
        if (Interlocked.Exchange(ref _finished, 1) == 1)
        {
            return;
        }

        _stop.Cancel();
        _renderer.Join(TimeSpan.FromSeconds(2));
        _screen.Leave();
        _resized?.Dispose();
        AppDomain.CurrentDomain.ProcessExit -= OnProcessEnd;
        AppDomain.CurrentDomain.UnhandledException -= OnProcessEnd;
        try
        {
            _output.WriteLine(Summary(Volatile.Read(ref _state)));
            _output.Flush();
        }
        catch (IOException)
        {
            // The terminal went away.
        }
    }

    public void Dispose()
    {
        Finish();
        if (!_renderer.IsAlive)
        {
            _screen.Dispose();
            _changed.Dispose();
            _stop.Dispose();
        }
    }

    /// <summary>The line left on the terminal after the view: the last genre and how the source ended.</summary>
    internal static string Summary(ViewState state)
    {
        var genre = state.Current is { } g ? $"{g} ({ViewLayout.Percent(state.CurrentConfidence)})" : "no genre yet";
        var detail = state.SourceDetail.Length > 0 ? $": {state.SourceDetail}" : "";
        return string.Create(CultureInfo.InvariantCulture, $"genre listen: {genre} after {state.AudioSeconds:0.0} s of audio; source {state.SourceState.Name()}{detail}");
    }

    private static (int Width, int Height) ConsoleSize()
    {
        try
        {
            var (width, height) = (Console.WindowWidth, Console.WindowHeight);
            return width > 0 && height > 0 ? (width, height) : (80, 24);
        }
        catch (IOException)
        {
            return (80, 24);
        }
    }

    private void Render()
    {
        var interval = TimeSpan.FromSeconds(1 / _options.MaxFramesPerSecond);
        WaitHandle[] wake = [_changed.WaitHandle, _stop.Token.WaitHandle];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                _changed.Reset();
                var (width, height) = _size();
                var state = Volatile.Read(ref _state);
                _screen.Draw(ViewLayout.Build(state, _time.GetElapsedTime(_start), _options.SortedBars, width, height), width, height);

                // At most MaxFramesPerSecond frames: rest, then wait for news or the clock's next tick.
                if (_stop.Token.WaitHandle.WaitOne(interval))
                {
                    break;
                }

                WaitHandle.WaitAny(wake, ClockTick > interval ? ClockTick - interval : TimeSpan.Zero);
            }
        }
        catch (IOException)
        {
            // The terminal went away: nothing left to draw on.
        }
    }

    private void OnProcessEnd(object? sender, EventArgs e) => _screen.Leave();
}
