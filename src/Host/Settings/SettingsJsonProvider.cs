using System.Globalization;
using System.Text.Json;
using GenreStream.Model.Files;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace GenreStream.Host.Settings;

/// <summary>
/// <c>settings.json</c> as configuration, read at most <see cref="FileLimits.SettingsBytes"/>. A file that cannot
/// be read keeps its problem in <see cref="Error"/> (a JSON syntax error with its line and column) instead of
/// throwing: at start <see cref="GenreSettings.From"/> reports it; on a live reload the settings in force stay
/// (the last good values are kept) and the reload is reported, where a thrown error would go unseen.
/// </summary>
internal sealed class SettingsJsonProvider(SettingsJsonProvider.FileSource source) : JsonConfigurationProvider(source)
{
    /// <summary>Why the file's latest reading failed, on one line; null when it was read.</summary>
    public string? Error { get; private set; }

    /// <summary>The keys the file holds (<c>Section:Key</c>, list items as <c>Section:Key:0</c>).</summary>
    public IEnumerable<string> Keys => Data.Keys;

    public override void Load(Stream stream)
    {
        try
        {
            base.Load(new SizeLimitedStream(stream, FileLimits.SettingsBytes, "a settings file"));
            Error = null;
        }
        catch (Exception e) when (e is FormatException or IOException or JsonException)
        {
            Error = Describe(e);
        }
    }

    /// <summary>A JSON syntax error as "not valid JSON at line L, column C: what"; anything else as its message.</summary>
    private static string Describe(Exception e)
    {
        if ((e as JsonException ?? e.InnerException as JsonException) is { LineNumber: { } line } json)
        {
            var what = json.Message;
            var at = what.IndexOf(" LineNumber:", StringComparison.Ordinal);
            what = at > 0 ? what[..at] : what;
            return string.Create(CultureInfo.InvariantCulture, $"not valid JSON at line {line + 1}, column {(json.BytePositionInLine ?? 0) + 1}: {what.ReplaceLineEndings(" ")}");
        }

        return e.Message.ReplaceLineEndings(" ");
    }

    /// <summary>The configuration source of <see cref="SettingsJsonProvider"/>.</summary>
    public sealed class FileSource : JsonConfigurationSource
    {
        public override IConfigurationProvider Build(IConfigurationBuilder builder)
        {
            EnsureDefaults(builder);
            return new SettingsJsonProvider(this);
        }
    }
}
