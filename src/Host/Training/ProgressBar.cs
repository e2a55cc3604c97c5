using System.Globalization;

namespace GenreStream.Host.Training;

/// <summary>
/// Progress on standard error: on a terminal a bar redrawn in place at most 10 times a second
/// (<c>[#####-----] 120/375 files  14.2 files/s  0:18 left</c>); otherwise a plain line every 10%.
/// </summary>
internal sealed class ProgressBar(TextWriter output, bool interactive) : IProgressSink
{
    private readonly Lock _gate = new();
    private string _what = string.Empty;
    private int _total;
    private string _unit = "files";
    private TimeSpan _lastDraw = TimeSpan.MinValue;
    private int _lastDecile = -1;

    public void Start(string what, int total, string unit)
    {
        _what = what;
        _total = total;
        _unit = unit;
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

            var decile = _total == 0 ? 10 : done * 10 / _total;
            if (decile != _lastDecile)
            {
                _lastDecile = decile;
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
