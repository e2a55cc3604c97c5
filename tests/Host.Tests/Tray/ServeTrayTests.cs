using System.Text.Json;
using System.Text.RegularExpressions;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Tray;

/// <summary>
/// <c>genre serve --tray</c> on a private session bus with Debian's StatusNotifierWatcher: the service's icon
/// follows the music, <c>Activate</c> opens the live page in a real (headless) browser through xdg-open,
/// pause shows in <c>/api/now</c>, and Quit stops the service with exit code 0.
/// </summary>
[Trait("Category", "Tray")]
public sealed partial class ServeTrayTests(TrayHost host) : IClassFixture<TrayHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public void The_service_icon_opens_the_page_pauses_and_quits()
    {
        Requires.Available(host.WhyUnavailable);
        Requires.Available(SessionBus.IsInstalled("chromium") ? null : "chromium is not installed (apt-get install chromium)");
        Requires.Available(SessionBus.IsInstalled("xdg-open") ? null : "xdg-open is not installed (apt-get install xdg-utils)");
        var clip = Path.Combine(Requires.SharedData(), "gtzan", "disco", "disco.00000.flac");
        var environment = host.Environment;
        // xdg-open outside a desktop opens $BROWSER: a real Chromium, which prints the page it loaded.
        environment["BROWSER"] = "chromium --headless --no-sandbox --disable-gpu --dump-dom %s";
        environment["XDG_CURRENT_DESKTOP"] = string.Empty;
        using var serve = new TrayProcess(environment, "serve", "--port", "0", "--tray", "--source", "file:" + clip);
        using var client = TrayBusClient.Connect(host.Bus.Address);
        Assert.True(TrayProcess.WaitUntil(() => client.RegisteredItems().Contains(serve.ItemName), Patience), serve.Said);
        var url = new Uri(Listening().Match(serve.Out.First(l => l.Contains("listening on", StringComparison.Ordinal))).Groups["url"].Value);

        Assert.True(TrayProcess.WaitUntil(() => client.ToolTip(serve.ItemName).Title.EndsWith('%'), Patience), $"{client.ToolTip(serve.ItemName)}\n{serve.Said}");
        Assert.Contains(client.MenuItems(serve.ItemName), i => i.Label == "Open the live page");

        client.Activate(serve.ItemName);
        Assert.True(TrayProcess.WaitUntil(() => serve.Out.Any(l => l.Contains("<title>genre stream</title>", StringComparison.Ordinal)), Patience), $"the browser did not load the live page\n{serve.Said}");

        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        client.Click(serve.ItemName, client.MenuId(serve.ItemName, "Pause listening"));
        Assert.True(TrayProcess.WaitUntil(() => Now(http).GetProperty("paused").GetBoolean(), Patience), Now(http).ToString());
        Assert.Equal("genre: paused", client.ToolTip(serve.ItemName).Title);
        Assert.True(TrayProcess.WaitUntil(() => serve.Error.Any(l => l.Contains("paused;", StringComparison.Ordinal)), Patience), serve.Said);

        client.Click(serve.ItemName, client.MenuId(serve.ItemName, "Quit"));
        Assert.True(serve.WaitForExit(Patience), "Quit did not stop the service");
        Assert.Equal(0, serve.ExitCode);
    }

    private static JsonElement Now(HttpClient http)
    {
        using var doc = JsonDocument.Parse(http.GetStringAsync("/api/now").Result);
        return doc.RootElement.Clone();
    }

    [GeneratedRegex(@"listening on (?<url>http://\S+)")]
    private static partial Regex Listening();
}
