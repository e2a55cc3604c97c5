using System.Diagnostics;
using GenreStream.Host.Tests.Cli;
using GenreStream.Host.Tray;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Tray;

/// <summary>
/// <c>genre tray --install-autostart</c> writes a valid desktop entry into <c>$XDG_CONFIG_HOME/autostart</c> whose
/// <c>Exec</c> starts this program's tray with the options given (checked with <c>desktop-file-validate</c>,
/// and by running that command on a bus with a tray watcher).
/// </summary>
[Trait("Category", "Tray")]
public sealed class AutostartTests(TrayHost host) : IClassFixture<TrayHost>, IDisposable
{
    private readonly TempDirectory _temp = new();

    [SkippableFact]
    public void Install_autostart_writes_a_valid_entry_that_starts_the_tray()
    {
        var clip = Path.Combine(Requires.SharedData(), "gtzan", "rock", "rock.00000.flac");
        var config = _temp.File("config");
        var (code, output, error) = GenreProcessTests.RunGenreWith(
            new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = config },
            "tray", "--install-autostart", "--source", "file:" + clip, "--preset", "responsive");

        Assert.True(code == 0, string.Join('\n', error));
        var entry = Path.Combine(config, "autostart", "genre-tray.desktop");
        Assert.True(File.Exists(entry), string.Join('\n', output));
        Assert.Contains(entry, string.Join('\n', output), StringComparison.Ordinal);
        var lines = File.ReadAllLines(entry);
        Assert.Equal("[Desktop Entry]", lines[0]);
        Assert.Contains("Type=Application", lines);
        var exec = lines.Single(l => l.StartsWith("Exec=", StringComparison.Ordinal))["Exec=".Length..].Split(' ');
        // The tests run the program as 'dotnet genre.dll': the entry names both.
        Assert.Equal(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "genre.dll")), Path.GetFullPath(exec[1]));
        Assert.Equal(["tray", "--source", "file:" + clip, "--preset", "responsive"], exec[2..]);

        if (SessionBus.IsInstalled("desktop-file-validate"))
        {
            using var validate = Process.Start(new ProcessStartInfo("desktop-file-validate", [entry]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var said = validate.StandardOutput.ReadToEnd() + validate.StandardError.ReadToEnd();
            validate.WaitForExit();
            Assert.True(validate.ExitCode == 0 && said.Length == 0, $"desktop-file-validate: {said}");
        }
        else
        {
            Requires.Available("desktop-file-validate is not installed (apt-get install desktop-file-utils)");
        }

        // What the desktop would run at login: a tray that registers with the watcher.
        Requires.Available(host.WhyUnavailable);
        using var tray = new TrayProcess(host.Environment, exec[2..]);
        using var client = TrayBusClient.Connect(host.Bus.Address);
        Assert.True(TrayProcess.WaitUntil(() => client.RegisteredItems().Contains(tray.ItemName), TimeSpan.FromSeconds(60)), tray.Said);
        Assert.Contains("preset: responsive", client.ToolTip(tray.ItemName).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_that_does_not_load_writes_no_entry()
    {
        var config = _temp.File("config");
        var (code, _, error) = GenreProcessTests.RunGenreWith(
            new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = config },
            "tray", "--install-autostart", "--model", _temp.File("missing.json"));

        Assert.Equal(1, code);
        Assert.Contains("missing.json", Assert.Single(error), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(config, "autostart")));
    }

    [Fact]
    public void Standard_input_without_its_format_is_a_usage_error()
    {
        var (code, _, error) = GenreProcessTests.RunGenre("tray", "--source", "-");
        Assert.Equal(2, code);
        Assert.Contains("needs --format", Assert.Single(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/usr/bin/genre", "/usr/bin/genre")]
    [InlineData("--preset", "--preset")]
    [InlineData("/home/me/My Music/a.flac", "\"/home/me/My Music/a.flac\"")]
    [InlineData("file:100% $HOME `x` \"q\" \\", "\"file:100%% \\\\$HOME \\\\`x\\\\` \\\\\"q\\\\\" \\\\\\\\\"")]
    [InlineData("", "\"\"")]
    public void Exec_arguments_are_quoted_as_the_desktop_entry_specification_says(string argument, string written) =>
        Assert.Equal(written, Autostart.Quote(argument));

    [Fact]
    public void The_folder_is_XDG_CONFIG_HOME_autostart_else_under_HOME()
    {
        Assert.Equal("/x/config/autostart", Autostart.Folder(n => n == "XDG_CONFIG_HOME" ? "/x/config" : "/home/me"));
        Assert.Equal("/home/me/.config/autostart", Autostart.Folder(n => n == "HOME" ? "/home/me" : null));
        Assert.Equal("/home/me/.config/autostart", Autostart.Folder(n => n == "HOME" ? "/home/me" : "relative/path")); // a relative value is ignored
    }

    public void Dispose() => _temp.Dispose();
}
