namespace GenreStream.Host.Settings;

/// <summary>Invalid settings; the message lists every problem on one line.</summary>
internal sealed class SettingsException(string message) : Exception(message);
