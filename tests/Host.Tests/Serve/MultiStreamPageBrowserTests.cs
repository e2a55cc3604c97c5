using GenreStream.TestSupport;
using Microsoft.Playwright;

namespace GenreStream.Host.Tests.Serve;

/// <summary>The live page of a service with several streams, in real Chromium: every stream as a card, or one stream alone.</summary>
[Trait("Category", "Browser")]
public sealed class MultiStreamPageBrowserTests
{
    [SkippableFact]
    public async Task The_page_shows_every_stream_as_a_card_and_one_stream_alone_with_links_between_them()
    {
        Browser.Require();
        var data = Requires.SharedData();
        using var serve = new ServeProcess(
        [
            "--source", "jazz=file:" + Path.Combine(data, "gtzan/jazz/jazz.00002.flac"),
            "--source", "metal=file:" + Path.Combine(data, "gtzan/metal/metal.00002.flac"),
            "--source", "broken=file:/nonexistent/missing.flac",
        ]);
        Assert.True(ServeProcess.WaitUntil(() => serve.Now().GetProperty("streams").EnumerateArray().Count(s => s.GetProperty("latest").ValueKind != System.Text.Json.JsonValueKind.Null) == 2, TimeSpan.FromSeconds(90)), serve.Error);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.Launch(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });

        // All view: a card per stream, each genre what the service says for that stream, the broken one saying why.
        await page.GotoAsync(serve.Url.ToString());
        await Browser.WaitFor(page, "() => document.body.dataset.view === 'all' && Number(document.body.dataset.updates) >= 4");
        Assert.True(await page.Locator("#one").IsHiddenAsync());
        Assert.Equal(["jazz", "metal", "broken"], await page.Locator("#cards li").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.stream)"));
        foreach (var name in new[] { "jazz", "metal" })
        {
            var settled = serve.Now().GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("stream").GetString() == name).GetProperty("latest");
            var expected = settled.GetProperty("status").GetString() == "unknown" ? "unknown" : settled.GetProperty("genre").GetString();
            await Browser.WaitFor(page, $"() => document.querySelector('#cards li[data-stream=\"{name}\"]').dataset.genre === '{expected}'");
        }

        Assert.Contains("missing.flac", await page.Locator("#cards li[data-stream=\"broken\"] .detail").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("lost", await page.Locator("#cards li[data-stream=\"broken\"]").GetAttributeAsync("data-state"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.Screenshot("multi-stream-all.png"), FullPage = true });

        // One stream: the card's link opens the stream's own page, which follows only that stream.
        await page.Locator("#cards li[data-stream=\"metal\"] a").ClickAsync();
        await Browser.WaitFor(page, "() => document.body.dataset.view === 'one' && Number(document.body.dataset.updates) >= 2");
        Assert.EndsWith("/?stream=metal", page.Url, StringComparison.Ordinal);
        Assert.Equal("metal", await page.Locator("#streams a[aria-current=\"page\"]").TextContentAsync());
        Assert.True(await page.Locator("#all").IsHiddenAsync());
        var metal = serve.Now().GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("stream").GetString() == "metal").GetProperty("source_detail").GetString();
        Assert.Equal(metal, await page.Locator("#source").TextContentAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.Screenshot("multi-stream-one.png"), FullPage = true });
    }
}
