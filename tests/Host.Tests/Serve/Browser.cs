using GenreStream.TestSupport;
using Microsoft.Playwright;

namespace GenreStream.Host.Tests.Serve;

/// <summary>Debian's Chromium, headless, driven by Playwright; and where the browser tests keep their screenshots.</summary>
internal static class Browser
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>Skips the test (loudly) when Chromium is not installed.</summary>
    public static void Require() =>
        Requires.Available(File.Exists(Chromium) ? null : "chromium is not installed (apt-get install chromium)");

    /// <summary>Starts headless Chromium.</summary>
    public static Task<IBrowser> Launch(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });

    /// <summary>
    /// Where a screenshot called <paramref name="name"/> goes: <c>$GENRE_TEST_ARTIFACTS/screenshots</c>, else
    /// <c>artifacts/screenshots</c> in the test output folder (e.g. <c>tests/Host.Tests/bin/Release/net10.0/artifacts/screenshots</c>).
    /// </summary>
    public static string Screenshot(string name)
    {
        var root = Environment.GetEnvironmentVariable("GENRE_TEST_ARTIFACTS") is { Length: > 0 } configured ? configured : Path.Combine(AppContext.BaseDirectory, "artifacts");
        var folder = Path.Combine(root, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    /// <summary>Waits (up to a minute) until <paramref name="condition"/>, a JavaScript function, is true in <paramref name="page"/>.</summary>
    public static Task WaitFor(IPage page, string condition, int timeoutMs = 60_000) =>
        page.WaitForFunctionAsync(condition, null, new PageWaitForFunctionOptions { Timeout = timeoutMs });
}
