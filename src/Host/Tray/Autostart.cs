using System.Text;

namespace GenreStream.Host.Tray;

/// <summary>
/// The desktop's autostart entry for the tray: <c>$XDG_CONFIG_HOME/autostart/genre-tray.desktop</c> (by default
/// <c>~/.config/autostart</c>), which desktops following the XDG autostart specification (GNOME, KDE, XFCE,
/// LXQt, Cinnamon, MATE…) start at login.
/// </summary>
internal static class Autostart
{
    public const string FileName = "genre-tray.desktop";

    /// <summary>The autostart folder: <c>$XDG_CONFIG_HOME/autostart</c>, or <c>~/.config/autostart</c>.</summary>
    public static string Folder(Func<string, string?> environment)
    {
        var config = environment("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(config) || !Path.IsPathRooted(config))
        {
            // The specification: a relative or empty value is ignored.
            config = Path.Combine(environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        }

        return Path.Combine(config, "autostart");
    }

    /// <summary>The program as a command: the apphost (<c>genre</c>), or <c>dotnet genre.dll</c> when run through <c>dotnet</c>.</summary>
    public static IReadOnlyList<string> Program()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("the program's own path is unknown");
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? [process, Path.Combine(AppContext.BaseDirectory, "genre.dll")]
            : [process];
    }

    /// <summary>The entry's text, starting <paramref name="command"/> (program and arguments).</summary>
    public static string Entry(IReadOnlyList<string> command) =>
        new StringBuilder()
            .Append("[Desktop Entry]\n")
            .Append("Type=Application\n")
            .Append("Name=genre tray\n")
            .Append("Comment=Shows the genre of the music playing in the tray\n")
            .Append("Exec=").Append(string.Join(' ', command.Select(Quote))).Append('\n')
            .Append("Icon=audio-x-generic\n")
            .Append("Terminal=false\n")
            .Append("NoDisplay=true\n")
            .Append("X-GNOME-Autostart-enabled=true\n")
            .ToString();

    /// <summary>Writes the entry into <paramref name="folder"/> (created if needed); returns its path.</summary>
    public static string Install(string folder, IReadOnlyList<string> command)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        File.WriteAllText(path, Entry(command));
        return path;
    }

    /// <summary>
    /// One argument of <c>Exec</c>: as it is when it has only plain characters, else in double quotes with
    /// <c>"</c>, <c>`</c>, <c>$</c> and <c>\</c> escaped (the Desktop Entry specification's rules); then
    /// <c>%</c> doubled (field codes) and each backslash doubled again (the file's string escapes).
    /// </summary>
    public static string Quote(string argument)
    {
        var plain = argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=+,@".Contains(c, StringComparison.Ordinal));
        var quoted = plain ? argument : "\"" + string.Concat(argument.Select(c => c is '"' or '`' or '$' or '\\' ? $"\\{c}" : c.ToString())) + "\"";
        return quoted.Replace("%", "%%", StringComparison.Ordinal).Replace("\\", "\\\\", StringComparison.Ordinal);
    }
}
