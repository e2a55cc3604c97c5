using System.Text.Json;
using GenreStream.TestSupport;
using Microsoft.Playwright;

namespace GenreStream.Host.Tests.Serve;

/// <summary>
/// <c>/overlay</c> as OBS's browser source shows it (a 1280x720 page over the video, OBS's default size), in real
/// Chromium, while <c>genre serve</c> classifies a clip played into a PulseAudio null sink: a transparent page with
/// the settled genre, and the bars with <c>?bars=1</c>.
/// </summary>
[Trait("Category", "Browser")]
public sealed class OverlayBrowserTests : IDisposable
{
    private readonly PulseServer _pulse = new();

    public void Dispose() => _pulse.Dispose();

    [SkippableFact]
    public async Task The_overlay_is_transparent_and_shows_the_settled_genre_and_with_bars_1_the_bars()
    {
        Requires.Available(_pulse.WhyUnavailable);
        Browser.Require();
        var clip = Path.Combine(Requires.SharedData(), "gtzan/metal/metal.00002.flac");
        using var serve = new ServeProcess(["--source", "test_sink.monitor", "--server", _pulse.Server], _pulse.Configure);
        using var player = _pulse.Play(clip);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.Launch(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 720 } });
        await page.GotoAsync(new Uri(serve.Url, "/overlay?bars=1").ToString());
        await Browser.WaitFor(page, "() => Number(document.body.dataset.updates) >= 2 && document.getElementById('genre').dataset.state === 'music'");

        // The settled genre of the service, read while it holds still.
        var agreed = false;
        for (var attempt = 0; attempt < 20 && !agreed; attempt++)
        {
            var settled = Current(serve);
            agreed = settled is not null && await page.Locator("#genre").GetAttributeAsync("data-genre") == settled && Current(serve) == settled;
            if (!agreed)
            {
                await Task.Delay(300);
            }
        }

        Assert.True(agreed, "the overlay's genre never matched /api/now's current genre");
        Assert.Equal(10, await page.Locator("#bars li").CountAsync());
        Assert.True(await page.Locator("#bars").IsVisibleAsync());

        // Transparent: the page paints no background, which a screenshot without the browser's default white shows.
        Assert.Equal("rgba(0, 0, 0, 0)", await page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).backgroundColor"));
        Assert.Equal("rgba(0, 0, 0, 0)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        var screenshot = Browser.Screenshot("overlay-bars.png");
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, OmitBackground = true });
        var (clear, painted) = await Alpha(page, png);
        Assert.True(clear > 0.8, $"only {clear:P0} of the overlay is transparent");
        Assert.True(painted > 0.005, $"only {painted:P1} of the overlay is painted: no genre shown");

        // Without the query: the genre alone.
        var plain = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 720 } });
        await plain.GotoAsync(new Uri(serve.Url, "/overlay").ToString());
        await Browser.WaitFor(plain, "() => Number(document.body.dataset.updates) >= 1 && document.getElementById('genre').textContent.length > 0");
        Assert.True(await plain.Locator("#bars").IsHiddenAsync());
        await plain.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.Screenshot("overlay.png"), OmitBackground = true });
    }

    private static string? Current(ServeProcess serve) => serve.Now().GetProperty("current").GetString();

    /// <summary>The shares of fully transparent and of painted pixels in a PNG, decoded by the browser itself.</summary>
    private static async Task<(double Clear, double Painted)> Alpha(IPage page, byte[] png)
    {
        var shares = await page.EvaluateAsync<JsonElement>(
            """
            async data => {
              const image = new Image();
              image.src = 'data:image/png;base64,' + data;
              await image.decode();
              const canvas = document.createElement('canvas');
              canvas.width = image.width;
              canvas.height = image.height;
              const g = canvas.getContext('2d');
              g.drawImage(image, 0, 0);
              const pixels = g.getImageData(0, 0, image.width, image.height).data;
              let clear = 0, painted = 0;
              for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] === 0) clear++; else if (pixels[i] > 128) painted++; }
              const n = pixels.length / 4;
              return { clear: clear / n, painted: painted / n };
            }
            """,
            Convert.ToBase64String(png));
        return (shares.GetProperty("clear").GetDouble(), shares.GetProperty("painted").GetDouble());
    }
}
