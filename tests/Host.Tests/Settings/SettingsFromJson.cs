using System.Text;
using GenreStream.Host.Settings;
using GenreStream.TestSupport;
using Microsoft.Extensions.Configuration;

namespace GenreStream.Host.Tests.Settings;

/// <summary>A base for tests of settings read from a JSON text, with a config folder of their own for relative paths.</summary>
public abstract class SettingsFromJson : IDisposable
{
    /// <summary>The config folder paths are relative to.</summary>
    protected TempDirectory Config { get; } = new();

    public void Dispose()
    {
        Config.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The settings <paramref name="json"/> holds, validated as the program validates them.</summary>
    private protected GenreSettings From(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return GenreSettings.From(new ConfigurationBuilder().AddJsonStream(stream).Build(), Config.Path);
    }
}
