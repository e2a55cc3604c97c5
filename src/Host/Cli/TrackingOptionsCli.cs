using System.CommandLine;
using GenreStream.Streaming.Smoothing;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Cli;

/// <summary>
/// The options of <c>listen</c> and <c>serve</c> that shape the current genre: smoothing method and
/// windows, hysteresis margin and hold time, silence threshold. Defaults come from settings.
/// </summary>
internal sealed class TrackingOptionsCli
{
    private readonly Option<string?> _method = new("--smoothing-method")
    {
        Description = "exponential (time constant --smoothing) or moving-average (mean of the last --smoothing-windows windows). Default: exponential, or Smoothing:Method in settings.",
    };

    private readonly Option<int?> _windows = new("--smoothing-windows")
    {
        Description = "Windows averaged by --smoothing-method moving-average (1 to 1000). Default: 3, or Smoothing:Windows in settings.",
        HelpName = "n",
    };

    private readonly Option<double?> _margin = new("--margin")
    {
        Description = "How far (smoothed probability, 0 to 1) another genre must lead before it becomes the current genre. Default: 0.1, or Tracking:Margin in settings.",
        HelpName = "p",
    };

    private readonly Option<double?> _hold = new("--hold")
    {
        Description = "How long that lead must last, in seconds. Default: 3, or Tracking:HoldSeconds in settings.",
        HelpName = "seconds",
    };

    private readonly Option<double?> _silence = new("--silence-threshold")
    {
        Description = "Windows quieter than this (RMS, dBFS) are silence: the genre holds still and the state is reported. Default: -55, or Tracking:SilenceThresholdDecibels in settings.",
        HelpName = "dbfs",
    };

    public TrackingOptionsCli()
    {
        _method.AcceptOnlyFromAmong("exponential", "moving-average");
        Range(_windows, 1, 1000, "--smoothing-windows must be a whole number from 1 to 1000");
        Range(_margin, 0, 1, "--margin must be from 0 to 1");
        Range(_hold, 0, 3600, "--hold must be a number of seconds from 0 to 3600");
        Range(_silence, -200, 0, "--silence-threshold must be a level in dBFS from -200 to 0");
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_method);
        command.Options.Add(_windows);
        command.Options.Add(_margin);
        command.Options.Add(_hold);
        command.Options.Add(_silence);
    }

    /// <summary><paramref name="settings"/> with whatever the command line overrides.</summary>
    public TrackingOptions Apply(ParseResult parse, TrackingOptions settings)
    {
        var smoothing = settings.Smoothing;
        if (parse.GetValue(_method) is { } method)
        {
            smoothing = smoothing with { Method = method == "moving-average" ? SmoothingMethod.MovingAverage : SmoothingMethod.Exponential };
        }

        if (parse.GetValue(_windows) is { } windows)
        {
            smoothing = smoothing with { Windows = windows };
        }

        return settings with
        {
            Smoothing = smoothing,
            Margin = parse.GetValue(_margin) ?? settings.Margin,
            Hold = parse.GetValue(_hold) is { } hold ? TimeSpan.FromSeconds(hold) : settings.Hold,
            SilenceThresholdDecibels = parse.GetValue(_silence) ?? settings.SilenceThresholdDecibels,
        };
    }

    private static void Range<T>(Option<T?> option, double min, double max, string message)
        where T : struct, IConvertible =>
        option.Check(value => value.ToDouble(null) >= min && value.ToDouble(null) <= max, message);
}
