using System.Text.Json;
using GenreStream.Host.Tests.Listen;
using GenreStream.TestSupport;
using Microsoft.Playwright;

namespace GenreStream.Host.Tests.Serve;

/// <summary>
/// The live page in a real browser (Debian's Chromium, headless, driven by Playwright) while <c>genre serve</c>
/// classifies a real clip played into a PulseAudio null sink.
/// </summary>
[Trait("Category", "Browser")]
public sealed class WebPageBrowserTests : IDisposable
{
    private readonly PulseServer _pulse = new();

    public void Dispose() => _pulse.Dispose();

    [SkippableFact]
    public async Task The_page_follows_a_clip_played_into_a_null_sink_on_a_phone_sized_screen()
    {
        Requires.Available(_pulse.WhyUnavailable);
        Browser.Require();
        var clip = Path.Combine(Requires.SharedData(), "gtzan/metal/metal.00002.flac");

        using var serve = new ServeProcess(["--source", "test_sink.monitor", "--server", _pulse.Server], _pulse.Configure);
        using var player = _pulse.Play(clip);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.Launch(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true });
        await page.GotoAsync(serve.Url.ToString());

        const string Widths = "() => [...document.querySelectorAll('#bars li')].map(li => li.dataset.genre + '=' + li.querySelector('.bar').style.width).sort().join(',')";
        await page.WaitForFunctionAsync("() => Number(document.body.dataset.updates) >= 2", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        var before = await page.EvaluateAsync<string>(Widths);
        var updates = await page.EvaluateAsync<int>("() => Number(document.body.dataset.updates)");
        await page.WaitForFunctionAsync($"() => Number(document.body.dataset.updates) >= {updates + 2}", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        var after = await page.EvaluateAsync<string>(Widths);
        Assert.Equal(10, after.Split(',').Length);
        Assert.NotEqual(before, after); // the bars moved

        // The genre on the page is the service's current genre (read while it holds still).
        var agreed = false;
        for (var attempt = 0; attempt < 10 && !agreed; attempt++)
        {
            var first = await Current(serve);
            var shown = await page.Locator("#current").GetAttributeAsync("data-genre");
            agreed = shown == first && await Current(serve) == first;
            if (!agreed)
            {
                await Task.Delay(300);
            }
        }

        Assert.True(agreed, "the page's genre never matched /api/now");
        Assert.Equal(Loopback.Offline(clip), await page.Locator("#current").GetAttributeAsync("data-genre"));

        // Usable on a phone: nothing wider than the screen.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        var screenshot = Browser.Screenshot("web-page-phone.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is empty");
    }

    [SkippableFact]
    public async Task After_a_switch_to_an_unknown_device_the_page_and_api_now_say_lost_and_why()
    {
        Requires.Available(_pulse.WhyUnavailable);
        Browser.Require();
        using var serve = new ServeProcess(["--source", "test_sink.monitor", "--server", _pulse.Server], _pulse.Configure);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.Launch(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(serve.Url.ToString());
        await page.WaitForFunctionAsync("() => document.getElementById('state').dataset.state === 'started'", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        Assert.True(await page.Locator("#reason").IsHiddenAsync());

        using (var switched = await serve.Client.PostAsync("/api/source", new StringContent("""{"source":"bogus-device"}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, switched.StatusCode);
        }

        await page.WaitForFunctionAsync("() => document.getElementById('state').dataset.state === 'lost' && !document.getElementById('reason').hidden", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        var reason = await page.Locator("#reason").TextContentAsync();
        Assert.Contains("bogus-device", reason, StringComparison.Ordinal);

        using var now = JsonDocument.Parse(await serve.Client.GetStringAsync("/api/now"));
        Assert.Equal("bogus-device", now.RootElement.GetProperty("source").GetString());
        Assert.Equal("lost", now.RootElement.GetProperty("source_state").GetString());
        Assert.Equal(reason, now.RootElement.GetProperty("source_detail").GetString());
    }

    private static async Task<string?> Current(ServeProcess serve)
    {
        using var now = JsonDocument.Parse(await serve.Client.GetStringAsync("/api/now"));
        return now.RootElement.GetProperty("current").GetString();
    }
}
