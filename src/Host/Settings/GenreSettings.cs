using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace GenreStream.Host.Settings;

/// <summary>
/// Settings read once at start from <c>config/settings.json</c>, then <c>GENRE_</c> environment
/// variables (<c>GENRE_Model__Path</c>, ...), then the command line; validated with every error listed.
/// </summary>
internal sealed record GenreSettings
{
    /// <summary>The model file; a relative path is relative to the config folder.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Time constant of the probability smoothing, in seconds.</summary>
    public double SmoothingSeconds { get; init; } = 4;

    /// <summary>Reads and validates the settings in <paramref name="configDirectory"/>.</summary>
    /// <exception cref="SettingsException">Every invalid value, in one message.</exception>
    public static GenreSettings Load(string configDirectory)
    {
        IConfiguration configuration;
        try
        {
            configuration = new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(Path.GetFullPath(configDirectory), "settings.json"), optional: true, reloadOnChange: false)
                .AddEnvironmentVariables("GENRE_")
                .Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException)
        {
            throw new SettingsException($"cannot read {Path.Combine(configDirectory, "settings.json")}: {e.Message}");
        }

        var errors = new List<string>();
        var modelPath = configuration["Model:Path"];
        if (string.IsNullOrWhiteSpace(modelPath))
        {
            modelPath = "genre-model.json";
        }

        var smoothing = 4.0;
        var smoothingText = configuration["Smoothing:TimeConstantSeconds"];
        if (smoothingText is not null &&
            (!double.TryParse(smoothingText, NumberStyles.Float, CultureInfo.InvariantCulture, out smoothing) || !(smoothing >= 0) || smoothing > 3600))
        {
            errors.Add($"Smoothing:TimeConstantSeconds '{smoothingText}' must be a number of seconds from 0 to 3600");
        }

        if (errors.Count > 0)
        {
            throw new SettingsException("invalid settings: " + string.Join("; ", errors));
        }

        return new GenreSettings
        {
            ModelPath = Path.GetFullPath(Path.Combine(configDirectory, modelPath)),
            SmoothingSeconds = smoothing,
        };
    }
}
