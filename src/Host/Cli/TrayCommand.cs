using System.CommandLine;
using System.CommandLine.Parsing;
using GenreStream.Host.Live;
using GenreStream.Host.Tray;
using GenreStream.Streaming.Sources;

namespace GenreStream.Host.Cli;

/// <summary><c>genre tray</c>: the live genre as a tray icon (StatusNotifierItem on the session D-Bus) with a menu; <c>--install-autostart</c> starts it at login.</summary>
internal static class TrayCommand
{
    public static Command Create(CliContext context)
    {
        var source = SourceOption.Create(
            "What to listen to, as in 'genre listen': 'monitor' (default: what the computer is playing), 'mic', a device name (see 'genre devices'), 'file:<path>' (at real-time pace) or '-' (raw PCM on standard input; needs --format, --rate, --channels). The menu switches between monitor, microphone and devices. Default: Listen:Source in settings, else monitor.");
        var server = new Option<string?>("--server") { Description = "PulseAudio/PipeWire server address for live sources (default: as libpulse finds it).", HelpName = "address" };
        var install = new Option<bool>("--install-autostart")
        {
            Description = "Do not run: write genre-tray.desktop into $XDG_CONFIG_HOME/autostart (default ~/.config/autostart), so the desktop starts 'genre tray' with the other options given here at login.",
        };
        var common = new CommonOptions();
        var tracking = new TrackingOptionsCli();
        var command = new Command(
            "tray",
            "Show the genre of what is playing as a tray icon (StatusNotifierItem: KDE, XFCE, LXQt, waybar, GNOME with the AppIndicator extension): the icon's colour and letter follow the genre, the tooltip shows genre and confidence, the menu pauses, switches source and preset, or quits. Without a tray host it keeps running and logs genre changes on standard output. For the live page as well, run 'genre serve --tray'.")
        {
            source, server, install,
        };
        common.AddTo(command);
        tracking.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var what = parse.GetValue(source);
            if (what?.Kind == SourceKind.StandardInput && !common.HasRawFormat(parse))
            {
                context.Error.WriteLine("genre tray: --source - (raw PCM on standard input) needs --format s16le|f32le, --rate N and --channels N");
                return ExitCodes.Usage;
            }

            // Checked before an autostart entry is written too: a model or settings that do not load would fail at every login.
            var setup = common.Resolve(parse, context);
            if (setup is null)
            {
                return ExitCodes.SetupFailed;
            }

            if (parse.GetValue(install))
            {
                return InstallAutostart(parse, context);
            }

            setup = setup with { Tracking = tracking.Apply(parse, setup.Tracking) };
            var options = new LiveSourceOptions(what ?? setup.Settings.Source, Server: parse.GetValue(server));
            await StandaloneTray.RunAsync(options, setup.Live(context), TrayState.PresetOf(setup.Tracking), context.Out, context.Error, cancel).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static int InstallAutostart(ParseResult parse, CliContext context)
    {
        var arguments = new List<string> { "tray" };
        string? previous = null;
        foreach (var token in parse.Tokens.Skip(1))
        {
            var text = token.Value;
            if (text == "--install-autostart")
            {
                continue;
            }

            // At login the working folder is the home folder: relative paths are made absolute now.
            if (previous is "--model" or "-m")
            {
                text = Path.GetFullPath(text);
            }
            else if (previous is "--source" or "-s" && text.StartsWith(SourceSpec.FilePrefix, StringComparison.Ordinal))
            {
                text = SourceSpec.FilePrefix + Path.GetFullPath(text[SourceSpec.FilePrefix.Length..]);
            }

            arguments.Add(text);
            previous = token.Type == TokenType.Option ? token.Value : null;
        }

        try
        {
            var path = Tray.Autostart.Install(Tray.Autostart.Folder(Environment.GetEnvironmentVariable), [.. Tray.Autostart.Program(), .. arguments]);
            context.Out.WriteLine($"genre tray: wrote {path}: the desktop starts 'genre {string.Join(' ', arguments)}' at login (delete the file to stop that)");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"genre tray: cannot write the autostart entry: {e.Message}");
            return ExitCodes.OutputFailed;
        }
    }
}
