using System.Net;
using System.Net.Sockets;
using System.Text;
using GenreStream.TestSupport;
using Microsoft.Playwright;

namespace GenreStream.Host.Tests.Serve;

/// <summary>The README's browser recipe, run as written in real Chromium on a page of another origin (another web server on this machine) against a real <c>genre serve</c>.</summary>
[Trait("Category", "Browser")]
public sealed class RecipeBrowserTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public async Task The_readme_snippet_follows_the_settled_genre_from_a_page_of_another_origin_listed_in_cors_origins()
    {
        Browser.Require();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not installed");
        var clip = _dir.File("metal.wav");
        Ffmpeg.Run("-i", Path.Combine(Requires.SharedData(), "gtzan/metal/metal.00002.flac"), "-t", "15", clip);
        // The reader's own page, on its own origin: another web server on this machine.
        using var dashboard = new HttpListener();
        var origin = $"http://localhost:{FreePort()}";
        dashboard.Prefixes.Add(origin + "/");
        dashboard.Start();
        using var serve = new ServeProcess(["--source", "file:" + clip], s => s.Environment["GENRE_Serve__CorsOrigins__0"] = origin);
        var snippet = ReadmeRecipes.Get("browser-sse");
        Assert.Contains("http://127.0.0.1:8765/events", snippet, StringComparison.Ordinal);
        var script = snippet.Replace("http://127.0.0.1:8765", serve.Url.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.Launch(playwright);
        var page = await browser.NewPageAsync();
        var logged = new List<string>();
        page.Console += (_, m) => logged.Add(m.Text);
        page.PageError += (_, m) => logged.Add(m);
        var serving = Task.Run(async () =>
        {
            var request = await dashboard.GetContextAsync();
            var body = Encoding.UTF8.GetBytes($"<!doctype html><title>waiting</title><script>\n{script}\n</script>");
            request.Response.ContentType = "text/html; charset=utf-8";
            await request.Response.OutputStream.WriteAsync(body);
            request.Response.Close();
        });
        await page.GotoAsync(origin + "/");
        await serving;
        try
        {
            await Browser.WaitFor(page, "() => /^[a-z]+ \\d+%$/.test(document.title)");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the title stayed '{await page.TitleAsync()}'; the browser said: {string.Join(" | ", logged)}; the service: {serve.Error}");
        }

        var settled = await page.TitleAsync();
        Assert.True(ServeProcess.WaitUntil(() => serve.Now().GetProperty("current").GetString() is { } now && settled.StartsWith(now + " ", StringComparison.Ordinal), TimeSpan.FromSeconds(30)),
            $"the page says '{settled}', the service {serve.Now().GetProperty("current")}");
        Assert.DoesNotContain(logged, l => l.Contains("CORS", StringComparison.Ordinal));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
