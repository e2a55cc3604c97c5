using System.Globalization;

namespace GenreStream.Host.Training;

/// <summary>
/// Progress on standard error: on a terminal a bar redrawn in place at most 10 times a second
/// (<c>[#####-----] 120/375 files  14.2 files/s  0:18 left</c>); otherwise (a log, a pipe) a plain line
/// when another tenth is done, but none in the first <see cref="LogQuietTime"/> and then at most one per
/// <see cref="LogQuietTime"/>, and one line at the end: a job the feature cache answers at once writes one line.
/// </summary>
internal sealed class ProgressBar(TextWriter output, bool interactive) : IProgressSink
{
    /// <summary>Without a terminal: no line sooner than this after the start or the previous line.</summary>
    internal static readonly TimeSpan LogQuietTime = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private string _what = string.Empty;
    private int _total;
    private string _unit = "files";
    private TimeSpan _lastDraw = TimeSpan.MinValue;
    private TimeSpan _lastLine;
    private int _lastDecile = -1;

    public void Start(string what, int total, string unit)
    {
        lock (_gate)
        {
            _what = what;
            _total = total;
            _unit = unit;
            _lastDraw = TimeSpan.MinValue;
            _lastLine = TimeSpan.Zero;
            _lastDecile = -1;
        }
    }

    public void Advance(int done, TimeSpan elapsed)
    {
        lock (_gate)
        {
            if (interactive)
            {
                if (done < _total && elapsed - _lastDraw < TimeSpan.FromMilliseconds(100))
                {
                    return;
                }

                _lastDraw = elapsed;
                output.Write("\r" + Line(done, elapsed) + "   ");
                output.Flush();
                return;
            }

            // The last item's line is Stop's.
            var decile = _total == 0 ? 10 : done * 10 / _total;
            if (done < _total && decile != _lastDecile && elapsed - _lastLine >= LogQuietTime)
            {
                _lastDecile = decile;
                _lastLine = elapsed;
                output.WriteLine(Line(done, elapsed));
            }
        }
    }

    public void Stop(TimeSpan elapsed)
    {
        lock (_gate)
        {
            if (interactive)
            {
                output.Write("\r" + Line(_total, elapsed) + "   \n");
                output.Flush();
            }
            else
            {
                output.WriteLine(Line(_total, elapsed));
            }
        }
    }

    internal string Line(int done, TimeSpan elapsed)
    {
        const int width = 24;
        var fraction = _total == 0 ? 1 : (double)done / _total;
        var filled = (int)Math.Round(fraction * width);
        var rate = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
        var left = rate > 0 && done < _total ? TimeSpan.FromSeconds((_total - done) / rate) : TimeSpan.Zero;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{_what} [{new string('#', filled)}{new string('-', width - filled)}] {done}/{_total} {_unit}  {rate:0.0} {_unit}/s  {(done < _total ? $"{(int)left.TotalMinutes}:{left.Seconds:00} left" : $"done in {elapsed.TotalSeconds:0.0} s")}");
    }
}
