using System.CommandLine;
using System.Globalization;
using GenreStream.Host.Training;
using GenreStream.Model.Features;
using GenreStream.Model.Softmax;
using GenreStream.Model.Training;

namespace GenreStream.Host.Cli;

/// <summary>The options of <c>genre train</c> that describe data, features and the fit.</summary>
internal sealed class TrainingOptionsCli
{
    private readonly Option<string[]> _data = new("--data", "-d")
    {
        Description = "Labelled audio: a folder laid out <genre>/<file>, or a TSV with 'path' and 'genre' columns (optional 'fold', 'group'; paths relative to the TSV). Repeat to combine sets.",
        Required = true,
        AllowMultipleArgumentsPerToken = false,
        HelpName = "folder|tsv",
    };

    private readonly Option<string> _features = new("--features")
    {
        Description = "Feature set: 'default' (the shipped features, band-limited to 8 kHz), 'fullband' (the default up to the Nyquist frequency, as shipped before), 'statistics' (mean and deviation of frame features only), 'mfcc40' (the default with plain deviations), 'timbre20' (20 MFCC of 40 mel bands plus the log-mel bands), 'fft1000' (the seed experiment: |FFT| of the whole clip, first 1000 bins), or a JSON file holding a feature spec.",
        DefaultValueFactory = _ => "default",
    };

    private readonly Option<string> _c = new("--c")
    {
        Description = "Inverse L2 regularisation strength (as scikit-learn's C). A comma-separated list is chosen among by cross-validation inside the training folds.",
        DefaultValueFactory = _ => TrainingRun.DefaultCGrid,
        HelpName = "c[,c...]",
    };

    private readonly Option<string> _model = new("--model")
    {
        Description = "'softmax' (multinomial logistic regression) or 'ovr' (one-vs-rest binary logistic regressions).",
        DefaultValueFactory = _ => "softmax",
    };

    private readonly Option<string> _optimizer = new("--optimizer")
    {
        Description = "'lbfgs' (full-batch L-BFGS, exact optimum) or 'gd' (plain mini-batch gradient descent).",
        DefaultValueFactory = _ => "lbfgs",
    };

    private readonly Option<string> _aggregation = new("--aggregation")
    {
        Description = "How a clip's windows combine: 'meanlog' (mean log-probability) or 'mean' (mean probability).",
        DefaultValueFactory = _ => "meanlog",
    };

    private readonly Option<int?> _maxClipWindows = new("--max-clip-windows")
    {
        Description = "Weigh a clip with more texture windows than this as this many (a 30 s clip has 19), so long recordings do not outweigh many short ones. Default: no cap.",
        HelpName = "n",
    };

    private readonly Option<string?> _augment = new("--augment")
    {
        Description = "Also train on texture windows of these lengths in seconds (e.g. 2,2.5), cut from the same audio, so short excerpts at prediction time look like something seen in training. Predictions always use the feature set's own windows.",
        HelpName = "seconds[,seconds...]",
    };

    private readonly Option<string?> _augmentAudio = new("--augment-audio")
    {
        Description = "Also train on each recording changed in ways that must not change its genre (through ffmpeg): " +
            "quieter (-12 dB), quieter6 (-6 dB), louder (+6 dB, limited), tilt and bright (EQ tilts), noise (white noise at -55 dBFS), rate44k and rate48k (resampled as real input is), mp3 (a 128 kb/s MP3 round trip at 44.1 kHz), ogg (an Ogg Vorbis q3 round trip at 48 kHz), ogg22 (an Ogg Vorbis q4 round trip at the recording's own rate, about 50 kb/s mono at 22.05 kHz, as Emotify is stored). " +
            "Comma-separated. The changed recordings only ever train: figures are measured on the recordings as they are.",
        HelpName = "name[,name...]",
    };

    private readonly Option<bool> _at44100 = new("--cv-at-44k")
    {
        Description = "With --cv, also report out-of-fold figures on every recording resampled to 44.1 kHz (as real files and live input arrive); those versions are never trained on.",
    };

    private readonly Option<double> _unknownRate = new("--unknown-rate")
    {
        Description = "Share of out-of-fold music windows (other artists than the detector was fitted on) that may fall beyond the 'unknown' threshold; the threshold is set there. Clips are judged by the median of their windows, so far fewer clips are unknown.",
        DefaultValueFactory = _ => NoveltyFit.DefaultWindowRate,
        HelpName = "fraction",
    };

    private readonly Option<string[]> _nonMusicTraining = new("--nonmusic-train")
    {
        Description = "Synthesised audio that is not music (a folder, searched recursively, or files; see scripts/make-nonmusic.sh): the 'unknown' detector learns to tell it from music, and is judged on kinds of it (<kind>-<variant> in the file name) it never saw. Never used for the genres.",
        HelpName = "folder|file",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string[]> _nonMusic = new("--nonmusic")
    {
        Description = "Audio that is not music of the genres (a folder, searched recursively, or files): checked only, never trained on; the report says how much of it the model calls unknown.",
        HelpName = "folder|file",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<bool> _balanceClasses = new("--balance-classes") { Description = "Weigh windows so every genre has the same total weight in training." };

    private readonly Option<string?> _cache = new("--cache")
    {
        Description = "Feature cache folder (default: $XDG_CACHE_HOME/genre-stream/features or ~/.cache/genre-stream/features).",
        HelpName = "folder",
    };

    private readonly Option<bool> _noCache = new("--no-cache") { Description = "Extract every feature afresh and cache nothing." };

    public TrainingOptionsCli()
    {
        _model.AcceptOnlyFromAmong("softmax", "ovr");
        _optimizer.AcceptOnlyFromAmong("lbfgs", "gd");
        _aggregation.AcceptOnlyFromAmong("meanlog", "mean");
        _maxClipWindows.Check(n => n >= 1, "--max-clip-windows must be 1 or more");
        _augmentAudio.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } text && text.Split(',', StringSplitOptions.TrimEntries).FirstOrDefault(n => !AudioAugmentation.Known.ContainsKey(n)) is { } bad)
            {
                r.AddError($"--augment-audio: '{bad}' is not one of {string.Join(", ", AudioAugmentation.Known.Keys)}");
            }
        });
        _unknownRate.Validators.Add(r =>
        {
            if (!(r.GetValueOrDefault<double>() is > 0 and < 0.5))
            {
                r.AddError("--unknown-rate takes a fraction above 0 and below 0.5, e.g. 0.05");
            }
        });
        _augment.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } text && (ParseGrid(text) is not { } lengths || lengths.Any(l => l > 60)))
            {
                r.AddError("--augment takes window lengths in seconds (above 0, at most 60) separated by commas, e.g. 2,2.5");
            }
        });
        _c.Validators.Add(r =>
        {
            if (ParseGrid(r.GetValueOrDefault<string>()) is null)
            {
                r.AddError("--c takes positive numbers separated by commas, e.g. 0.1 or 0.01,0.1,1");
            }
        });
    }

    /// <summary>Feature sets by name.</summary>
    public static IReadOnlyDictionary<string, FeatureSpec> NamedSpecs { get; } = new Dictionary<string, FeatureSpec>
    {
        ["default"] = FeatureSpec.Default,
        ["statistics"] = FeatureSpec.Statistics,
        ["fullband"] = FeatureSpec.FullBand,
        ["mfcc40"] = FeatureSpec.Mfcc40,
        ["timbre20"] = FeatureSpec.Timbre20,
        ["fft1000"] = FeatureSpec.Fft1000,
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _data, _features, _c, _model, _optimizer, _aggregation, _maxClipWindows, _balanceClasses, _augment, _augmentAudio, _at44100, _unknownRate, _nonMusicTraining, _nonMusic, _cache, _noCache })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Reads the data set and resolves every option; on failure writes one line and returns null.</summary>
    public TrainingSetup? Resolve(ParseResult parse, CliContext context)
    {
        try
        {
            var sources = parse.GetValue(_data)!;
            var dataSet = DataSet.Load(sources);
            var featureName = parse.GetValue(_features)!;
            var spec = NamedSpecs.TryGetValue(featureName, out var named)
                ? named
                : File.Exists(featureName)
                    ? FeatureSpecFile.Load(featureName)
                    : throw new DataSetException($"--features '{featureName}' is neither {string.Join(", ", NamedSpecs.Keys)} nor a feature spec file");
            var options = new TrainingOptions
            {
                Kind = parse.GetValue(_model) == "ovr" ? ModelKind.OneVsRest : ModelKind.Multinomial,
                Optimizer = parse.GetValue(_optimizer) == "gd" ? Optimizer.MiniBatchGradientDescent : Optimizer.Lbfgs,
                Aggregation = parse.GetValue(_aggregation) == "mean" ? ClipAggregation.MeanProbability : ClipAggregation.MeanLogProbability,
            };
            var weighting = new RowWeighting(parse.GetValue(_maxClipWindows), parse.GetValue(_balanceClasses));
            var augment = parse.GetValue(_augment) is { } a ? ParseGrid(a)! : [];
            var cacheRoot = parse.GetValue(_noCache) ? null : parse.GetValue(_cache) ?? FeatureCache.DefaultRoot();
            var nonMusic = NonMusicClips("--nonmusic", parse.GetValue(_nonMusic) ?? []);
            var nonMusicTraining = NonMusicClips("--nonmusic-train", parse.GetValue(_nonMusicTraining) ?? []);
            return new TrainingSetup(dataSet, spec, options, weighting, ParseGrid(parse.GetValue(_c))!, cacheRoot, augment, context.Progress(), sources, featureName)
            {
                UnknownWindowRate = parse.GetValue(_unknownRate),
                EvaluateAt44100 = parse.GetValue(_at44100),
                AugmentAudio = parse.GetValue(_augmentAudio) is { } names ? [.. names.Split(',', StringSplitOptions.TrimEntries).Distinct().Select(n => AudioAugmentation.Known[n])] : [],
                NonMusic = nonMusic,
                NonMusicTraining = nonMusicTraining,
            };
        }
        catch (Exception e) when (e is DataSetException or ArgumentException)
        {
            context.Error.WriteLine($"genre: {e.Message}");
            return null;
        }
    }

    /// <summary>The audio files named by --nonmusic (folders searched recursively), as clips labelled "nonmusic".</summary>
    private static List<LabelledClip> NonMusicClips(string option, IEnumerable<string> sources)
    {
        var clips = new List<LabelledClip>();
        foreach (var source in sources)
        {
            IEnumerable<string> files = Directory.Exists(source)
                ? Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Where(DataSet.IsAudioFileName).Order(StringComparer.Ordinal)
                : File.Exists(source) ? [source] : throw new DataSetException($"{option} {source}: no such file or folder");
            clips.AddRange(files.Select(f => new LabelledClip(Path.GetFullPath(f), Path.GetFileName(f), "nonmusic", null, null, "nonmusic")));
        }

        return clips;
    }

    private static double[]? ParseGrid(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var values = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var c) || !(c > 0) || double.IsInfinity(c))
            {
                return null;
            }

            values.Add(c);
        }

        return values.Count == 0 ? null : [.. values.Distinct().Order()];
    }
}
