using System.Text.Json;
using GenreStream.TestSupport;
using Microsoft.Playwright;

namespace GenreStream.Host.Tests.Serve;

/// <summary>
/// The page's headline against its bars in real Chromium, step by step, across a change of genre (classical, then
/// metal, played by <c>genre serve</c> at real-time pace): during the hold it says "changing to …" rather than
/// contradict the bars.
/// </summary>
[Trait("Category", "Browser")]
public sealed class WebPageHeadlineBrowserTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public async Task During_the_hold_the_headline_keeps_the_settled_genre_and_says_changing_to_the_genre_the_bars_lead_with()
    {
        Browser.Require();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not installed");
        var data = Requires.SharedData();
        var clip = _dir.File("classical-then-metal.wav");
        Ffmpeg.Run(
            "-i", Path.Combine(data, "gtzan/classical/classical.00004.flac"), "-i", Path.Combine(data, "gtzan/metal/metal.00000.flac"),
            "-filter_complex", "[0:a]atrim=0:15[a];[1:a]atrim=0:15[b];[a][b]concat=n=2:v=0:a=1", clip);
        using var serve = new ServeProcess(["--source", "file:" + clip]);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.Launch(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        // Every step as the page showed it: the headline, the bar on top, and what "changing to" names.
        await page.AddInitScriptAsync(
            """
            window.shown = [];
            document.addEventListener('DOMContentLoaded', () => new MutationObserver(() => {
              const bars = [...document.querySelectorAll('#bars li')].sort((a, b) => b.dataset.p - a.dataset.p);
              const changing = document.getElementById('changing');
              window.shown.push({
                headline: document.getElementById('current').dataset.genre,
                quiet: document.getElementById('current').classList.contains('silent'),
                top: bars.length ? bars[0].dataset.genre : null,
                changing: changing.hidden ? null : changing.dataset.to,
                confidence: document.getElementById('confidence').textContent,
                headlineBar: (document.querySelector('#bars li[data-genre="' + document.getElementById('current').dataset.genre + '"] .pct') || {}).textContent,
              });
              if (!changing.hidden && !window.pictured) window.pictured = true;
            }).observe(document.body, { attributes: true, attributeFilter: ['data-updates'] }));
            """);
        await page.GotoAsync(serve.Url.ToString());
        await Browser.WaitFor(page, "() => window.pictured === true", 90_000);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.Screenshot("web-page-changing.png"), FullPage = true });
        Assert.True(ServeProcess.WaitUntil(() => serve.Now().GetProperty("source_state").GetString() == "ended", TimeSpan.FromSeconds(90)), serve.Error);
        await Browser.WaitFor(page, "() => document.getElementById('current').dataset.genre === 'metal'", 30_000);

        var steps = (await page.EvaluateAsync<JsonElement>("() => window.shown")).EnumerateArray().ToArray();
        Assert.NotEmpty(steps);
        // Unknown audio and silence are shown greyed, as such, not as a genre.
        foreach (var step in steps.Where(s => !s.GetProperty("quiet").GetBoolean()))
        {
            var headline = step.GetProperty("headline").GetString();
            var top = step.GetProperty("top").GetString();
            var changing = step.GetProperty("changing").GetString();
            // Never a headline under another genre's leading bar without saying so.
            Assert.True(headline == top || changing == top, $"the headline says {headline} under a leading {top} bar ({step})");
            // One rounding: the headline's percent is its bar's.
            Assert.StartsWith(step.GetProperty("headlineBar").GetString() + " ", step.GetProperty("confidence").GetString(), StringComparison.Ordinal);
        }

        Assert.Contains(steps, s => s.GetProperty("headline").GetString() == "classical" && s.GetProperty("changing").GetString() == "metal");
    }
}
