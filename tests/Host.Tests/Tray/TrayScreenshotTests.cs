using GenreStream.Host.Tray;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Tray;

/// <summary>
/// The icon as a real tray host draws it: <c>gtk-sni-tray-standalone</c> (package haskell-gtk-sni-tray-utils)
/// under Xvfb, showing the real <c>genre tray</c>; the screenshot is kept as a test artefact
/// (<c>tray-icon.png</c> in <c>$GENRE_TEST_ARTIFACTS</c>, else <c>artifacts/</c> beside the tests).
/// </summary>
[Trait("Category", "Tray")]
public sealed class TrayScreenshotTests(TrayHost host) : IClassFixture<TrayHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public void A_real_tray_host_draws_the_icon_in_the_genre_s_colour()
    {
        Requires.Available(host.WhyUnavailable);
        Requires.Available(SessionBus.IsInstalled("gtk-sni-tray-standalone") ? null : "gtk-sni-tray-standalone is not installed (apt-get install haskell-gtk-sni-tray-utils)");
        using var display = new VirtualDisplay(320, 96);
        Requires.Available(display.WhyUnavailable);
        // A dark bar along the top, 48 pixels high: the icon is drawn at its 48-pixel size.
        host.Bus.Start("gtk-sni-tray-standalone", new Dictionary<string, string> { ["DISPLAY"] = display.Display }, "--top", "--size", "48", "--color", "#202020");

        var clip = Path.Combine(Requires.SharedData(), "gtzan", "rock", "rock.00000.flac");
        using var tray = new TrayProcess(host.Environment, "tray", "--source", "file:" + clip);
        using var client = TrayBusClient.Connect(host.Bus.Address);
        Assert.True(TrayProcess.WaitUntil(() => client.RegisteredItems().Contains(tray.ItemName), Patience), tray.Said);
        string? genre = null;
        Assert.True(
            TrayProcess.WaitUntil(() => (genre = Genre(client.ToolTip(tray.ItemName).Title)) is not null, Patience),
            $"no genre in the tooltip: {client.ToolTip(tray.ItemName)}");

        var path = Path.Combine(Artifacts(), "tray-icon.png");
        var colour = GenrePalette.Colour(genre!);
        byte[] pixels = [];
        var drawn = TrayProcess.WaitUntil(() => Count(pixels = display.Screenshot(path), colour) >= 200, Patience);

        Assert.Equal(display.Width * display.Height * 3, pixels.Length);
        Assert.True(drawn, $"the screenshot {path} has {Count(pixels, colour)} pixels of {genre}'s colour #{colour:X6}");
        Assert.True(pixels.Chunk(3).Select(p => (p[0], p[1], p[2])).Distinct().Count() > 3, "the screenshot is uniform");
    }

    /// <summary>Pixels exactly of <paramref name="rgb"/> (0xRRGGBB): the disc's inside.</summary>
    private static int Count(byte[] pixels, uint rgb) =>
        pixels.Chunk(3).Count(p => p.Length == 3 && p[0] == (byte)(rgb >> 16) && p[1] == (byte)(rgb >> 8) && p[2] == (byte)rgb);

    private static string? Genre(string title) =>
        title.StartsWith("genre: ", StringComparison.Ordinal) && title.EndsWith('%') ? title["genre: ".Length..title.LastIndexOf(' ')] : null;

    /// <summary>Where screenshots go: <c>$GENRE_TEST_ARTIFACTS</c>, else <c>artifacts/</c> beside the tests.</summary>
    private static string Artifacts()
    {
        var folder = Environment.GetEnvironmentVariable("GENRE_TEST_ARTIFACTS") is { Length: > 0 } configured ? configured : Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
