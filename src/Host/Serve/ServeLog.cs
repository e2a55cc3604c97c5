using GenreStream.Streaming.Sources;
using Microsoft.Extensions.Logging;

namespace GenreStream.Host.Serve;

/// <summary>What <c>genre serve</c> logs about its settings (source-generated, cheap when disabled).</summary>
internal static partial class ServeLog
{
    /// <summary>Longest text taken from a request or a source name into one log line.</summary>
    public const int ClipLength = 120;

    /// <summary><paramref name="text"/> made fit for one log line: control characters shown as '?', cut at <paramref name="max"/> characters with the length said.</summary>
    public static string Clip(string? text, int max = ClipLength)
    {
        text ??= string.Empty;
        var shown = string.Create(Math.Min(text.Length, max), text, static (span, t) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(t[i]) ? '?' : t[i];
            }
        });
        return text.Length > max ? $"{shown}… ({text.Length} characters)" : shown;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "refused {Method} {Path}: {Status} {Problem}")]
    public static partial void Refused(this ILogger logger, string method, string path, int status, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "settings not applied: {Problem}")]
    public static partial void SettingsRejected(this ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "settings reloaded: smoothing, hysteresis and silence threshold applied")]
    public static partial void TrackingReloaded(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "settings reloaded: switching to {Source}")]
    public static partial void SourceReloaded(this ILogger logger, SourceSpec source);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Report}")]
    public static partial void OutputReport(this ILogger logger, string report);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Report}")]
    public static partial void NotificationReport(this ILogger logger, string report);

    [LoggerMessage(Level = LogLevel.Warning, Message = "settings changed that need a restart to apply (address, port, model, or who may reach the service: AllowedHosts, CorsOrigins, MediaFolders)")]
    public static partial void RestartNeeded(this ILogger logger);
}
