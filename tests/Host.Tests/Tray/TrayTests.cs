using System.Text.RegularExpressions;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Tray;

/// <summary>
/// The real <c>genre tray</c> on a private session bus with Debian's StatusNotifierWatcher: it registers, its
/// tooltip and icon follow the music, and the menu and <c>Activate</c> over D-Bus do what they say.
/// </summary>
[Trait("Category", "Tray")]
public sealed partial class TrayTests(TrayHost host) : IClassFixture<TrayHost>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly string[] Genres = ["blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock"];

    private readonly TempDirectory _temp = new();

    [SkippableFact]
    public void Registers_with_the_watcher_and_its_tooltip_and_icon_follow_the_music()
    {
        Requires.Available(host.WhyUnavailable);
        var music = SilenceThenMusic();
        using var tray = new TrayProcess(host.Environment, "tray", "--source", "file:" + music);
        using var client = TrayBusClient.Connect(host.Bus.Address);

        Assert.True(TrayProcess.WaitUntil(() => client.RegisteredItems().Contains(tray.ItemName), Patience), $"the watcher never listed {tray.ItemName}: {string.Join(", ", client.RegisteredItems())}\n{tray.Said}");
        Assert.Equal("Active", client.Status(tray.ItemName));

        var titles = new List<string>();
        byte[]? silentIcon = null;
        byte[]? musicIcon = null;
        var reached = TrayProcess.WaitUntil(
            () =>
            {
                var (title, text) = client.ToolTip(tray.ItemName);
                Assert.Contains("source: file:" + music, text, StringComparison.Ordinal);
                if (titles.Count == 0 || titles[^1] != title)
                {
                    titles.Add(title);
                }

                if (title == "genre: silence")
                {
                    silentIcon ??= client.Icons(tray.ItemName)[0].Argb;
                }

                if (GenreTitle().Match(title) is { Success: true } m && Genres.Contains(m.Groups["genre"].Value))
                {
                    musicIcon = client.Icons(tray.ItemName)[0].Argb;
                    return true;
                }

                return false;
            },
            Patience);

        Assert.True(reached, $"the tooltip never named a genre; it said: {string.Join(" → ", titles)}\n{tray.Said}");
        var silence = titles.IndexOf("genre: silence");
        Assert.True(silence >= 0, $"the tooltip never said silence during the first 10 s: {string.Join(" → ", titles)}");
        Assert.True(silence < titles.Count - 1, "silence came after the genre");
        Assert.NotNull(silentIcon);
        Assert.NotEqual(silentIcon, musicIcon); // the icon's colour and letter follow the genre
    }

    [SkippableFact]
    public void Pause_from_the_menu_Activate_resumes_and_Quit_ends_with_exit_code_0()
    {
        Requires.Available(host.WhyUnavailable);
        var clip = Path.Combine(Requires.SharedData(), "gtzan", "jazz", "jazz.00000.flac");
        using var tray = new TrayProcess(host.Environment, "tray", "--source", "file:" + clip);
        using var client = TrayBusClient.Connect(host.Bus.Address);
        Assert.True(TrayProcess.WaitUntil(() => client.RegisteredItems().Contains(tray.ItemName), Patience), tray.Said);

        client.Click(tray.ItemName, client.MenuId(tray.ItemName, "Pause listening"));
        Assert.True(TrayProcess.WaitUntil(() => client.ToolTip(tray.ItemName).Title == "genre: paused", Patience), $"the tooltip does not say paused: {client.ToolTip(tray.ItemName)}");
        Assert.Contains(client.MenuItems(tray.ItemName), i => i.Label == "Resume listening");
        Assert.True(TrayProcess.WaitUntil(() => tray.Out.Contains("paused"), Patience), tray.Said);

        // A left click on the icon of a tray without a page toggles listening: it resumes, and the music is classified again.
        client.Activate(tray.ItemName);
        Assert.True(
            TrayProcess.WaitUntil(() => GenreTitle().IsMatch(client.ToolTip(tray.ItemName).Title), Patience),
            $"after Activate the tooltip says {client.ToolTip(tray.ItemName)}\n{tray.Said}");
        Assert.Contains(client.MenuItems(tray.ItemName), i => i.Label == "Pause listening");

        client.Click(tray.ItemName, client.MenuId(tray.ItemName, "Quit"));
        Assert.True(tray.WaitForExit(Patience), "Quit did not end the program");
        Assert.Equal(0, tray.ExitCode);
        Assert.False(client.HasOwner(tray.ItemName), "the item's name is still on the bus");
    }

    [SkippableFact]
    public void The_menu_switches_the_preset_and_offers_the_sources()
    {
        Requires.Available(host.WhyUnavailable);
        var clip = Path.Combine(Requires.SharedData(), "gtzan", "rock", "rock.00000.flac");
        using var tray = new TrayProcess(host.Environment, "tray", "--source", "file:" + clip, "--preset", "steady");
        using var client = TrayBusClient.Connect(host.Bus.Address);
        Assert.True(TrayProcess.WaitUntil(() => client.RegisteredItems().Contains(tray.ItemName), Patience), tray.Said);
        Assert.True(TrayProcess.WaitUntil(() => tray.Out.Any(l => l.Contains("source started", StringComparison.Ordinal)), Patience), tray.Said);

        var items = client.MenuItems(tray.ItemName);
        Assert.Contains(items, i => i.Label.StartsWith("What is playing", StringComparison.Ordinal) && !i.On);
        Assert.Contains(items, i => i.Label.StartsWith("Microphone", StringComparison.Ordinal) && !i.On);
        Assert.Contains(items, i => i.Label == "File rock.00000.flac" && i.On);
        Assert.Contains(items, i => i.Label.StartsWith("Steady", StringComparison.Ordinal) && i.On);
        Assert.Contains("preset: steady", client.ToolTip(tray.ItemName).Text, StringComparison.Ordinal);

        client.Click(tray.ItemName, client.MenuId(tray.ItemName, "Responsive"));
        Assert.True(TrayProcess.WaitUntil(() => client.ToolTip(tray.ItemName).Text.Contains("preset: responsive", StringComparison.Ordinal), Patience), client.ToolTip(tray.ItemName).Text);
        Assert.Contains(client.MenuItems(tray.ItemName), i => i.Label.StartsWith("Responsive", StringComparison.Ordinal) && i.On);
        // The run restarts with the new options: the file is heard again from its start.
        Assert.True(TrayProcess.WaitUntil(() => tray.Out.Count(l => l.Contains("source started", StringComparison.Ordinal)) >= 2, Patience), tray.Said);
        Assert.Contains("preset: responsive", tray.Out);
    }

    [SkippableFact]
    public void The_source_menu_lists_the_audio_server_s_devices_and_switches_between_them()
    {
        Requires.Available(host.WhyUnavailable);
        using var pulse = new PulseServer();
        Requires.Available(pulse.WhyUnavailable);
        var clip = Path.Combine(Requires.SharedData(), "gtzan", "rock", "rock.00000.flac");
        using var tray = new TrayProcess(host.Environment, pulse.Configure, "tray", "--source", "file:" + clip);
        using var client = TrayBusClient.Connect(host.Bus.Address);
        Assert.True(TrayProcess.WaitUntil(() => client.RegisteredItems().Contains(tray.ItemName), Patience), tray.Said);

        // The private server's null sink: its monitor is a device of the Source menu (listed by 'genre devices' too).
        (int Id, string Label, bool On) monitor = default;
        Assert.True(
            TrayProcess.WaitUntil(() => (monitor = client.MenuItems(tray.ItemName).FirstOrDefault(i => i.Id >= 100 && i.Label.EndsWith("(monitor)", StringComparison.Ordinal))).Id != 0, Patience),
            $"no capture device in the menu: {string.Join(" | ", client.MenuItems(tray.ItemName).Select(i => i.Label))}");
        Assert.False(monitor.On);

        client.Click(tray.ItemName, monitor.Id);
        Assert.True(TrayProcess.WaitUntil(() => client.ToolTip(tray.ItemName).Text.StartsWith("source: test_sink.monitor", StringComparison.Ordinal), Patience), client.ToolTip(tray.ItemName).Text);
        Assert.True(TrayProcess.WaitUntil(() => tray.Out.Any(l => l.Contains("source started: source test_sink.monitor", StringComparison.Ordinal)), Patience), tray.Said);
        Assert.Contains(client.MenuItems(tray.ItemName), i => i.Id == monitor.Id && i.On);
        Assert.DoesNotContain(client.MenuItems(tray.ItemName), i => i.Label.StartsWith("File ", StringComparison.Ordinal));

        client.Click(tray.ItemName, client.MenuId(tray.ItemName, "Microphone"));
        Assert.True(TrayProcess.WaitUntil(() => tray.Out.Any(l => l.Contains("source started: the default input", StringComparison.Ordinal)), Patience), tray.Said);
        Assert.Contains(client.MenuItems(tray.ItemName), i => i.Label.StartsWith("Microphone", StringComparison.Ordinal) && i.On);
    }

    [SkippableFact]
    public void A_source_that_cannot_be_opened_needs_attention_and_is_tried_again()
    {
        Requires.Available(host.WhyUnavailable);
        var missing = _temp.File("gone.wav");
        using var tray = new TrayProcess(host.Environment, "tray", "--source", "file:" + missing);
        using var client = TrayBusClient.Connect(host.Bus.Address);
        Assert.True(TrayProcess.WaitUntil(() => client.RegisteredItems().Contains(tray.ItemName), Patience), tray.Said);

        Assert.True(TrayProcess.WaitUntil(() => client.Status(tray.ItemName) == "NeedsAttention", Patience), $"{client.ToolTip(tray.ItemName)}\n{tray.Said}");
        var (title, text) = client.ToolTip(tray.ItemName);
        Assert.Equal("genre: source lost", title);
        Assert.Contains("gone.wav", text, StringComparison.Ordinal);
        Assert.Contains("trying again in", text, StringComparison.Ordinal);
        Assert.False(tray.HasExited, tray.Said);

        // Tried again with backoff: once the file is there, it is heard.
        // Written aside and renamed into place, so a retry never meets half a file.
        Ffmpeg.Run("-i", Path.Combine(Requires.SharedData(), "gtzan", "rock", "rock.00000.flac"), "-t", "8", _temp.File("aside.wav"));
        File.Move(_temp.File("aside.wav"), missing);
        Assert.True(TrayProcess.WaitUntil(() => client.Status(tray.ItemName) == "Active" && GenreTitle().IsMatch(client.ToolTip(tray.ItemName).Title), Patience), $"{client.ToolTip(tray.ItemName)}\n{tray.Said}");
    }

    [SkippableFact]
    public void Without_a_tray_host_it_says_so_in_one_line_and_keeps_running()
    {
        using var bare = new SessionBus();
        Requires.Available(bare.WhyUnavailable);
        var clip = Path.Combine(Requires.SharedData(), "gtzan", "rock", "rock.00000.flac");
        using var tray = new TrayProcess(new Dictionary<string, string> { ["DBUS_SESSION_BUS_ADDRESS"] = bare.Address }, "tray", "--source", "file:" + clip);

        // It goes on as a service: the music is classified and logged.
        Assert.True(TrayProcess.WaitUntil(() => tray.Out.Any(l => l.Contains("genre is", StringComparison.Ordinal)), Patience), tray.Said);
        Assert.False(tray.HasExited, tray.Said);
        var error = Assert.Single(tray.Error);
        Assert.Contains("no tray host", error, StringComparison.Ordinal);

        tray.Terminate();
        Assert.True(tray.WaitForExit(Patience), "SIGTERM did not stop it");
        Assert.Equal(0, tray.ExitCode);
    }

    [SkippableFact]
    public void Without_a_session_bus_it_says_so_in_one_line_and_keeps_running()
    {
        var clip = Path.Combine(Requires.SharedData(), "gtzan", "rock", "rock.00000.flac");
        using var tray = new TrayProcess(new Dictionary<string, string> { ["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=" + _temp.File("no-bus") }, "tray", "--source", "file:" + clip);

        Assert.True(TrayProcess.WaitUntil(() => tray.Out.Any(l => l.Contains("genre is", StringComparison.Ordinal)), Patience), tray.Said);
        Assert.False(tray.HasExited, tray.Said);
        var error = Assert.Single(tray.Error);
        Assert.Contains("running without a tray icon", error, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>10 s of digital silence, then 15 s of a real rock clip, as one WAV.</summary>
    private string SilenceThenMusic()
    {
        var clip = Path.Combine(Requires.SharedData(), "gtzan", "rock", "rock.00000.flac");
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not installed");
        var path = _temp.File("silence-then-rock.wav");
        Ffmpeg.Run("-f", "lavfi", "-t", "10", "-i", "anullsrc=r=22050:cl=mono", "-t", "15", "-i", clip, "-filter_complex", "[0:a][1:a]concat=n=2:v=0:a=1", "-ar", "22050", "-ac", "1", path);
        return path;
    }

    [GeneratedRegex(@"^genre: (?<genre>\w+) \d+%$")]
    private static partial Regex GenreTitle();
}
