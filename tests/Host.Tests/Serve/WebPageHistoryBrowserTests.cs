using System.Text.Json;
using GenreStream.TestSupport;
using Microsoft.Playwright;

namespace GenreStream.Host.Tests.Serve;

/// <summary>
/// The live page in real Chromium across a reload (the chart comes back at once from <c>/api/history</c>) and a
/// restart of the service (the badge says reconnecting, then connected again when events flow).
/// </summary>
[Trait("Category", "Browser")]
public sealed class WebPageHistoryBrowserTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public async Task A_reloaded_page_draws_the_chart_and_the_genre_changes_from_the_services_history_at_once()
    {
        Browser.Require();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not installed");
        // 12 s of a metal clip at real-time pace: the source then ends, so every point the page draws afterwards
        // can only come from the history the service kept.
        var clip = _dir.File("metal.wav");
        Ffmpeg.Run("-i", Path.Combine(Requires.SharedData(), "gtzan/metal/metal.00002.flac"), "-t", "12", clip);
        using var serve = new ServeProcess(["--source", "file:" + clip]);
        Assert.True(ServeProcess.WaitUntil(() => serve.Now().GetProperty("source_state").GetString() == "ended", TimeSpan.FromSeconds(90)), serve.Error);

        using var history = JsonDocument.Parse(await serve.Client.GetStringAsync("/api/history"));
        var root = history.RootElement;
        var steps = root.GetProperty("unix_ms").GetArrayLength();
        Assert.True(steps >= 5, $"only {steps} steps in the history");
        Assert.Equal(10, root.GetProperty("labels").GetArrayLength());
        Assert.Equal(steps, root.GetProperty("smoothed").GetArrayLength());
        Assert.Equal(steps, root.GetProperty("current").GetArrayLength());
        Assert.Equal(steps, root.GetProperty("status").GetArrayLength());
        Assert.All(root.GetProperty("smoothed").EnumerateArray(), row => Assert.Equal(10, row.GetArrayLength()));
        var changes = root.GetProperty("changes").EnumerateArray().ToArray();
        Assert.NotEmpty(changes);
        var settled = serve.Now().GetProperty("current").GetString();
        Assert.Equal(settled, changes[^1].GetProperty("to").GetString());

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.Launch(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync(serve.Url.ToString());
        await Drawn(page, steps, settled!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.Screenshot("web-page-history.png"), FullPage = true });

        await page.ReloadAsync();
        await Drawn(page, steps, settled!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.Screenshot("web-page-history-reloaded.png"), FullPage = true });
    }

    [SkippableFact]
    public async Task After_the_service_restarts_the_badge_says_reconnecting_then_connected_when_events_flow_again()
    {
        var pulse = new PulseServer();
        try
        {
            Requires.Available(pulse.WhyUnavailable);
            Browser.Require();
            string[] args = ["--source", "test_sink.monitor", "--server", pulse.Server];
            var first = new ServeProcess(args, pulse.Configure);
            var port = first.Url.Port;
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Browser.Launch(playwright);
            var page = await browser.NewPageAsync();
            try
            {
                await page.GotoAsync(first.Url.ToString());
                await Browser.WaitFor(page, "() => Number(document.body.dataset.updates) >= 2 && document.getElementById('state').textContent === 'connected'");
                Assert.Equal("connected", await page.Locator("#state").GetAttributeAsync("data-connection"));
                Assert.Equal(0, first.Stop());
            }
            finally
            {
                first.Dispose();
            }

            await Browser.WaitFor(page, "() => document.getElementById('state').dataset.connection === 'reconnecting'");
            Assert.Equal("reconnecting", await page.Locator("#state").TextContentAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.Screenshot("web-page-reconnecting.png") });
            var before = await page.EvaluateAsync<int>("() => Number(document.body.dataset.updates)");

            using var second = new ServeProcess(args, pulse.Configure, port);
            await Browser.WaitFor(page, $"() => Number(document.body.dataset.updates) >= {before + 2} && document.getElementById('state').textContent === 'connected'");
            Assert.Equal("connected", await page.Locator("#state").GetAttributeAsync("data-connection"));
            Assert.Equal("started", await page.Locator("#state").GetAttributeAsync("data-state"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.Screenshot("web-page-reconnected.png") });
        }
        finally
        {
            pulse.Dispose();
        }
    }

    /// <summary>Waits until the page shows the history: its points on the chart, the genre changes marked and listed, the settled genre.</summary>
    private static async Task Drawn(IPage page, int steps, string settled)
    {
        await Browser.WaitFor(page, $"() => Number(document.getElementById('chart').dataset.points) >= {steps}", 30_000);
        // Only the history can have drawn these: the source has ended, so no new steps come.
        Assert.True(await page.EvaluateAsync<int>("() => Number(document.getElementById('chart').dataset.marks)") >= 1, "no genre change is marked on the chart");
        Assert.Equal(settled, await page.Locator("#current").GetAttributeAsync("data-genre"));
        var listed = await page.Locator("#changes li").AllTextContentsAsync();
        Assert.NotEmpty(listed);
        Assert.Contains(settled, listed[0], StringComparison.Ordinal); // newest first
        Assert.Matches(@"^\d\d:\d\d:\d\d ", listed[0]);
        Assert.True(await page.Locator("#no-changes").IsHiddenAsync());

        // The chart has lines in the settled genre's colour (compared in the page, on the canvas's own pixels).
        var coloured = await page.EvaluateAsync<int>(
            """
            genre => {
              const canvas = document.getElementById('chart');
              const [r, g, b] = genrePalette[genre].colour.match(/[0-9a-f]{2}/gi).map(h => parseInt(h, 16));
              const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let n = 0;
              for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - r) < 8 && Math.abs(data[i + 1] - g) < 8 && Math.abs(data[i + 2] - b) < 8 && data[i + 3] > 200) n++;
              return n;
            }
            """,
            settled);
        Assert.True(coloured > 50, $"only {coloured} pixels of {settled}'s colour on the chart");
    }
}
