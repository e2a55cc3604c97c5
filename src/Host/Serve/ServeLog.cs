using Microsoft.Extensions.Logging;

namespace GenreStream.Host.Serve;

/// <summary>What <c>genre serve</c> logs about its settings (source-generated, cheap when disabled).</summary>
internal static partial class ServeLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "settings not applied: {Problem}")]
    public static partial void SettingsRejected(this ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "settings reloaded: smoothing, hysteresis and silence threshold applied")]
    public static partial void TrackingReloaded(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "settings reloaded: switching to {Source}")]
    public static partial void SourceReloaded(this ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Report}")]
    public static partial void OutputReport(this ILogger logger, string report);

    [LoggerMessage(Level = LogLevel.Warning, Message = "settings changed that need a restart to apply (address, port or model)")]
    public static partial void RestartNeeded(this ILogger logger);
}
