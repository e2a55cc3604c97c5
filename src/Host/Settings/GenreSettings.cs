using System.Globalization;
using GenreStream.Streaming.Smoothing;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Tracking;
using Microsoft.Extensions.Configuration;

namespace GenreStream.Host.Settings;

/// <summary>
/// Settings read from <c>config/settings.json</c>, then <c>GENRE_</c> environment variables
/// (<c>GENRE_Model__Path</c>, <c>GENRE_Serve__Port</c>, ...), then the command line; validated with every
/// error listed.
/// </summary>
internal sealed record GenreSettings
{
    /// <summary>The port <c>genre serve</c> listens on unless told otherwise.</summary>
    public const int DefaultPort = 8765;

    /// <summary>The model file; a relative path is relative to the config folder.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Smoothing, hysteresis and silence.</summary>
    public TrackingOptions Tracking { get; init; } = TrackingOptions.Default;

    /// <summary>Time constant of the exponential smoothing, in seconds.</summary>
    public double SmoothingSeconds => Tracking.Smoothing.TimeConstant.TotalSeconds;

    /// <summary>What <c>listen</c> and <c>serve</c> capture when not told (see <c>--source</c>).</summary>
    public SourceSpec Source { get; init; } = SourceSpec.Monitor;

    /// <summary><c>genre serve</c>'s named streams (<c>Serve:Sources</c>, items <c>name=&lt;source&gt;</c>); when empty it serves <see cref="Source"/> alone.</summary>
    public IReadOnlyList<Serve.ServedStream> Sources { get; init; } = [];

    /// <summary>The address <c>genre serve</c> binds to (loopback unless told otherwise).</summary>
    public string Address { get; init; } = "127.0.0.1";

    /// <summary>The port <c>genre serve</c> listens on.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The token <c>genre serve</c> asks every request for (required beyond loopback), or null.</summary>
    public string? Token { get; init; }

    /// <summary>Origins allowed to call <c>genre serve</c> from other web pages (CORS); none by default.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>Host names <c>genre serve</c> answers to besides its own address (and loopback names when bound to loopback); none by default.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Folders whose files <c>POST /api/source</c> may choose (full paths); none by default, so no file through the web API.</summary>
    public IReadOnlyList<string> MediaFolders { get; init; } = [];

    /// <summary>Most SSE and WebSocket clients <c>genre serve</c> serves at once.</summary>
    public int MaxClients { get; init; } = 100;

    /// <summary>Where events go besides the screen (<c>Outputs</c>: OSC, MQTT, JSON lines).</summary>
    public Outputs.OutputOptions Outputs { get; init; } = GenreStream.Host.Outputs.OutputOptions.None;

    /// <summary>The file the settings came from (may not exist).</summary>
    public string? File { get; init; }

    /// <summary>Keys no setting reads (misspelled or unknown), each with the nearest known key: shown at start as warnings.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Reads and validates the settings in <paramref name="configDirectory"/>.</summary>
    /// <exception cref="SettingsException">Every invalid value, in one message.</exception>
    public static GenreSettings Load(string configDirectory) => From(Build(configDirectory), configDirectory);

    /// <summary>The configuration sources, in order of precedence (last wins).</summary>
    public static IConfigurationRoot Build(string configDirectory, bool reloadOnChange = false)
    {
        if (Directory.Exists(SettingsFile(configDirectory)))
        {
            throw new SettingsException($"cannot read {SettingsFile(configDirectory)}: it is a folder, not a settings file");
        }

        try
        {
            // Read at most 1 MB, a syntax error kept with its line and column (see SettingsJsonProvider).
            var file = new SettingsJsonProvider.FileSource { Path = SettingsFile(configDirectory), Optional = true, ReloadOnChange = reloadOnChange };
            file.ResolveFileProvider();
            return new ConfigurationBuilder()
                .Add(file)
                .AddEnvironmentVariables("GENRE_")
                .Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException)
        {
            throw new SettingsException($"cannot read {SettingsFile(configDirectory)}: {e.Message}");
        }
    }

    /// <summary>The settings file in <paramref name="configDirectory"/>.</summary>
    public static string SettingsFile(string configDirectory) => Path.Combine(Path.GetFullPath(configDirectory), "settings.json");

    /// <summary>Validates <paramref name="configuration"/>.</summary>
    /// <exception cref="SettingsException">Every invalid value, in one message.</exception>
    public static GenreSettings From(IConfiguration configuration, string configDirectory)
    {
        if (configuration is IConfigurationRoot root && root.Providers.OfType<SettingsJsonProvider>().FirstOrDefault()?.Error is { } unreadable)
        {
            throw new SettingsException($"cannot read {SettingsFile(configDirectory)}: {unreadable}");
        }

        var errors = new List<string>();
        CheckShapes(configuration, errors);

        // Every key read from here on is a known setting; any other key in the file or the environment is reported.
        var given = configuration;
        var reading = new UnknownSettings.Reading(configuration);
        configuration = reading;
        var modelPath = configuration["Model:Path"];
        if (string.IsNullOrWhiteSpace(modelPath))
        {
            modelPath = "genre-model.json";
        }

        var method = configuration["Smoothing:Method"] switch
        {
            null or "exponential" => SmoothingMethod.Exponential,
            "moving-average" => SmoothingMethod.MovingAverage,
            var other => Invalid(errors, $"Smoothing:Method '{other}' must be exponential or moving-average", SmoothingMethod.Exponential),
        };
        var smoothing = Number(configuration, "Smoothing:TimeConstantSeconds", 4, 0, 3600, "a number of seconds from 0 to 3600", errors);
        var windows = (int)Number(configuration, "Smoothing:Windows", 3, 1, 1000, "a whole number of windows from 1 to 1000", errors, whole: true);
        var margin = Number(configuration, "Tracking:Margin", TrackingOptions.Default.Margin, 0, 1, "a probability from 0 to 1", errors);
        var hold = Number(configuration, "Tracking:HoldSeconds", TrackingOptions.Default.Hold.TotalSeconds, 0, 3600, "a number of seconds from 0 to 3600", errors);
        var presetName = configuration["Tracking:Preset"];
        var preset = presetName is null ? null : TrackingPresets.Parse(presetName);
        if (presetName is not null && preset is null)
        {
            errors.Add($"Tracking:Preset '{presetName}' must be {string.Join(" or ", TrackingPresets.Names)}");
        }

        var silence = Number(configuration, "Tracking:SilenceThresholdDecibels", TrackingOptions.Default.SilenceThresholdDecibels, -200, 0, "a level in dBFS from -200 to 0", errors);
        var port = (int)Number(configuration, "Serve:Port", DefaultPort, 1, 65535, "a port number from 1 to 65535", errors, whole: true);
        var maxClients = (int)Number(configuration, "Serve:MaxClients", 100, 1, 100_000, "a whole number of clients from 1 to 100000", errors, whole: true);
        var address = configuration["Serve:Address"] ?? "127.0.0.1";
        if (!System.Net.IPAddress.TryParse(address, out _) && address != "localhost")
        {
            errors.Add($"Serve:Address '{address}' must be an IP address (e.g. 127.0.0.1, 0.0.0.0, ::1) or localhost");
        }

        var source = configuration["Listen:Source"];
        if (source is not null && string.IsNullOrWhiteSpace(source))
        {
            errors.Add("Listen:Source must not be empty (monitor, mic, a device name, file:<path>)");
        }
        else if (source is not null && !SourceSpec.TryParse(source, out _, out var sourceError))
        {
            errors.Add($"Listen:Source: {sourceError}");
        }

        var token = configuration["Serve:Token"] ?? Environment.GetEnvironmentVariable("GENRE_SERVE_TOKEN");
        if (token is not null && token.Trim().Length < 8)
        {
            errors.Add("Serve:Token (or GENRE_SERVE_TOKEN) must be at least 8 characters");
        }

        // A single value where a list is expected is a list of one; an empty list ([]) reads as an empty value.
        string[] List(string key) => configuration[key] is { Length: > 0 } one ? [one] : [.. configuration.GetSection(key).GetChildren().Select(c => c.Value).OfType<string>()];
        if (List("Serve:MediaFolders").Any(string.IsNullOrWhiteSpace) || List("Serve:AllowedHosts").Any(h => string.IsNullOrWhiteSpace(h) || h.Any(c => c == '/' || char.IsWhiteSpace(c))))
        {
            errors.Add("Serve:MediaFolders must list folders and Serve:AllowedHosts host names (e.g. genre.local), none empty");
        }

        var sources = new List<Serve.ServedStream>();
        foreach (var item in List("Serve:Sources"))
        {
            if (!Serve.ServedStream.TryParse(item, out var stream, out var streamError))
            {
                errors.Add($"Serve:Sources: {streamError}");
            }
            else if (!stream.Named)
            {
                errors.Add($"Serve:Sources: '{item}' needs a name: write name=<source> (e.g. kitchen=monitor)");
            }
            else
            {
                sources.Add(stream);
            }
        }

        errors.AddRange(Serve.ServedStream.Validate(sources).Select(e => "Serve:Sources: " + e));

        var qos = (int)Number(configuration, "Outputs:MqttQos", 1, 0, 2, "0, 1 or 2", errors, whole: true);
        var maxMb = Number(configuration, "Outputs:JsonLinesMaxMegabytes", 10, 0.001, 1_000_000, "a size in megabytes from 0.001 to 1000000", errors);
        var attributesSeconds = Number(configuration, "Mqtt:AttributesSeconds", GenreStream.Host.Outputs.Mqtt.MqttTarget.DefaultAttributesSeconds, 0, 86400, "a number of seconds from 0 to 86400", errors);
        var outputs = new Outputs.OutputOptions(
            List("Outputs:Osc"),
            configuration["Outputs:OscPrefix"] ?? "/genre",
            string.Equals(configuration["Outputs:OscBundle"], "true", StringComparison.OrdinalIgnoreCase),
            List("Outputs:Mqtt"),
            configuration["Outputs:MqttPrefix"] ?? "genre",
            qos,
            string.Equals(configuration["Outputs:MqttTls"], "true", StringComparison.OrdinalIgnoreCase),
            List("Outputs:JsonLines"),
            (long)(maxMb * 1024 * 1024),
            MqttNodeId: string.IsNullOrWhiteSpace(configuration["Mqtt:NodeId"]) ? null : configuration["Mqtt:NodeId"]!.Trim(),
            MqttAttributesSeconds: attributesSeconds,
            MqttSupportUrl: string.IsNullOrWhiteSpace(configuration["Mqtt:SupportUrl"]) ? null : configuration["Mqtt:SupportUrl"]!.Trim());
        errors.AddRange(GenreStream.Host.Outputs.OutputFactory.Validate(outputs).Select(e => e.StartsWith("Mqtt:", StringComparison.Ordinal) ? e : "Outputs: " + e));

        if (errors.Count > 0)
        {
            var origin = Environment.GetEnvironmentVariables().Keys.OfType<string>().Any(k => k.StartsWith("GENRE_", StringComparison.Ordinal) && k != "GENRE_CONFIG_DIR")
                ? " or GENRE_ environment variables"
                : string.Empty;
            throw new SettingsException($"invalid settings in {SettingsFile(configDirectory)}{origin}: " + string.Join("; ", errors));
        }

        return new GenreSettings
        {
            ModelPath = Path.GetFullPath(Path.Combine(configDirectory, modelPath)),
            // A preset sets the smoothing time constant and the hold, over the numbers beside it (the shipped file has them too).
            Tracking = Preset(preset, new TrackingOptions
            {
                Smoothing = new SmoothingOptions { Method = method, TimeConstant = TimeSpan.FromSeconds(smoothing), Windows = windows },
                Margin = margin,
                Hold = TimeSpan.FromSeconds(hold),
                SilenceThresholdDecibels = silence,
            }),
            Source = source is null ? SourceSpec.Monitor : SourceSpec.Parse(source),
            Sources = sources,
            Address = address,
            Port = port,
            MaxClients = maxClients,
            Outputs = outputs,
            Token = string.IsNullOrWhiteSpace(token) ? null : token.Trim(),
            CorsOrigins = List("Serve:CorsOrigins"),
            AllowedHosts = List("Serve:AllowedHosts"),
            MediaFolders = [.. List("Serve:MediaFolders").Select(f => Path.GetFullPath(Path.Combine(configDirectory, f)))],
            File = SettingsFile(configDirectory),
            Warnings = UnknownSettings.Find(given, reading.Keys, SettingsFile(configDirectory)),
        };
    }

    private static TrackingOptions Preset(TrackingPreset? preset, TrackingOptions options) => preset is { } p ? p.Apply(options) : options;

    /// <summary>The sections that hold settings, each with the keys that hold one value and those that hold a list.</summary>
    private static readonly (string Section, string[] Values, string[] Lists)[] Shapes =
    [
        ("Model", ["Path"], []),
        ("Smoothing", ["Method", "TimeConstantSeconds", "Windows"], []),
        ("Tracking", ["Preset", "Margin", "HoldSeconds", "SilenceThresholdDecibels"], []),
        ("Listen", ["Source"], []),
        ("Serve", ["Address", "Port", "MaxClients", "Token"], ["CorsOrigins", "AllowedHosts", "MediaFolders", "Sources"]),
        ("Outputs", ["OscPrefix", "OscBundle", "MqttPrefix", "MqttQos", "MqttTls", "JsonLinesMaxMegabytes"], ["Osc", "Mqtt", "JsonLines"]),
        ("Mqtt", ["NodeId", "AttributesSeconds", "SupportUrl"], []),
    ];

    /// <summary>Names every setting of the wrong JSON type (an object or list where one value belongs, and so on), which would otherwise be ignored.</summary>
    private static void CheckShapes(IConfiguration configuration, List<string> errors)
    {
        static bool IsList(IConfigurationSection section) => section.GetChildren().Any(c => int.TryParse(c.Key, out _));

        foreach (var (name, values, lists) in Shapes)
        {
            var section = configuration.GetSection(name);
            if (section.Value is not null || IsList(section))
            {
                errors.Add($"{name} must be an object of settings ({string.Join(", ", values.Concat(lists))}), not {(IsList(section) ? "a list" : "a single value")}");
                continue;
            }

            foreach (var key in values)
            {
                var child = section.GetSection(key);
                if (child.Value is null && child.GetChildren().Any())
                {
                    errors.Add($"{name}:{key} must be a single value, not {(IsList(child) ? "a list" : "an object")}");
                }
            }

            foreach (var key in lists)
            {
                var child = section.GetSection(key);
                if (child.GetChildren().Any(c => !int.TryParse(c.Key, out _) || c.Value is null))
                {
                    errors.Add($"{name}:{key} must be a list of strings");
                }
            }
        }
    }

    private static double Number(IConfiguration configuration, string key, double fallback, double min, double max, string what, List<string> errors, bool whole = false)
    {
        var text = configuration[key];
        if (text is null)
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value >= min && value <= max) || (whole && value != Math.Floor(value)))
        {
            errors.Add($"{key} '{text}' must be {what}");
            return fallback;
        }

        return value;
    }

    private static T Invalid<T>(List<string> errors, string message, T fallback)
    {
        errors.Add(message);
        return fallback;
    }
}
