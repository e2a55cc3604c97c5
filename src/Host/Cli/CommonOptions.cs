using System.CommandLine;
using GenreStream.Host.Live;
using GenreStream.Host.Settings;
using GenreStream.Model.Softmax;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Cli;

/// <summary>Options shared by the commands that run the model: model file, smoothing, raw PCM format.</summary>
internal sealed class CommonOptions
{
    private readonly Option<string?> _model = new("--model", "-m")
    {
        Description = "Model file (JSON). Default: the bundled model named in config/settings.json.",
        HelpName = "path",
    };

    private readonly Option<double?> _smoothing = new("--smoothing")
    {
        Description = "Time constant of the probability smoothing in seconds (exponential moving average; 0 = none). Default: 4, or Smoothing:TimeConstantSeconds in settings.",
        HelpName = "seconds",
    };

    private readonly Option<string?> _preset = new("--preset")
    {
        Description = "How the current genre trades speed for stillness: steady (smoothing 4 s, hold 3 s: the default) or responsive (smoothing 2 s, hold 1.5 s: follows a change in about half the time, flips more often between close genres). --smoothing and --hold given beside it win. Default: Tracking:Preset in settings, if set.",
    };

    private readonly Option<string?> _format = new("--format")
    {
        Description = "Sample format of raw PCM on standard input: s16le or f32le.",
    };

    private readonly Option<int?> _rate = new("--rate")
    {
        Description = "Sample rate of raw PCM on standard input, in Hz.",
        HelpName = "hz",
    };

    private readonly Option<int?> _channels = new("--channels")
    {
        Description = "Interleaved channels of raw PCM on standard input.",
        HelpName = "n",
    };

    public CommonOptions()
    {
        _format.AcceptOnlyFromAmong("s16le", "f32le");
        _preset.AcceptOnlyFromAmong([.. TrackingPresets.Names]);
        _smoothing.Check(s => s >= 0 && s <= 3600, "--smoothing must be a number of seconds from 0 to 3600");
        _rate.Check(hz => hz is >= 1000 and <= 1_000_000, "--rate must be from 1000 to 1000000 Hz");
        _channels.Check(n => n is >= 1 and <= 256, "--channels must be from 1 to 256");
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_model);
        command.Options.Add(_smoothing);
        command.Options.Add(_preset);
        command.Options.Add(_format);
        command.Options.Add(_rate);
        command.Options.Add(_channels);
    }

    /// <summary>Whether any of --format, --rate, --channels was given.</summary>
    public bool HasRawFormat(ParseResult parse) =>
        parse.GetValue(_format) is not null || parse.GetValue(_rate) is not null || parse.GetValue(_channels) is not null;

    /// <summary>Loads settings and the model; on failure writes one line to stderr and returns null.</summary>
    public Resolved? Resolve(ParseResult parse, CliContext context)
    {
        try
        {
            var settings = GenreSettings.Load(context.ConfigDirectory);
            foreach (var warning in settings.Warnings)
            {
                context.Error.WriteLine($"genre: warning: {warning}");
            }

            var modelPath = parse.GetValue(_model) ?? settings.ModelPath;
            var model = ModelFile.Load(modelPath);
            RawInput? raw = null;
            var format = parse.GetValue(_format);
            var rate = parse.GetValue(_rate);
            var channels = parse.GetValue(_channels);
            if (HasRawFormat(parse))
            {
                raw = new RawInput(RawSampleFormat.Parse(format ?? "f32le"), rate ?? model.Spec.SampleRate, channels ?? 1);
            }

            var tracking = settings.Tracking;
            if (parse.GetValue(_preset) is { } presetName && TrackingPresets.Parse(presetName) is { } preset)
            {
                tracking = preset.Apply(tracking);
            }

            if (parse.GetValue(_smoothing) is { } seconds)
            {
                tracking = tracking with { Smoothing = tracking.Smoothing with { TimeConstant = TimeSpan.FromSeconds(seconds) } };
            }

            return new Resolved(model, tracking, raw, settings);
        }
        catch (Exception e) when (e is ModelFormatException or SettingsException or AudioFormatException)
        {
            context.Error.WriteLine($"genre: {e.Message}");
            return null;
        }
    }

    /// <summary>What the options resolve to.</summary>
    /// <param name="Model">The model.</param>
    /// <param name="Tracking">Smoothing, hysteresis and silence, from settings and the command line.</param>
    /// <param name="Raw">The raw PCM format of standard input, when given.</param>
    /// <param name="Settings">The settings the rest came from.</param>
    public sealed record Resolved(SoftmaxModel Model, TrackingOptions Tracking, RawInput? Raw, GenreSettings Settings)
    {
        /// <summary>Time constant of the exponential smoothing, in seconds.</summary>
        public double SmoothingSeconds => Tracking.Smoothing.TimeConstant.TotalSeconds;

        /// <summary>The setup of a live session, with standard input from <paramref name="context"/>.</summary>
        public LiveSetup Live(CliContext context) => new(Model, Tracking, Raw, context.OpenStandardInput);
    }
}
