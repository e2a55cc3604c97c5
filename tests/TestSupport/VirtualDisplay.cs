using System.Diagnostics;
using System.Globalization;

namespace GenreStream.TestSupport;

/// <summary>
/// An X server in memory (<c>Xvfb</c>, package xvfb) on a display number it picks itself, with screenshots
/// through ImageMagick's <c>import</c>; stopped on dispose. <see cref="WhyUnavailable"/> says what is missing.
/// </summary>
public sealed class VirtualDisplay : IDisposable
{
    private readonly Process? _server;

    /// <param name="width">Screen width in pixels.</param>
    /// <param name="height">Screen height in pixels.</param>
    public VirtualDisplay(int width, int height)
    {
        Width = width;
        Height = height;
        var missing = new[] { ("Xvfb", "xvfb"), ("import", "imagemagick"), ("convert", "imagemagick") }.Where(p => !SessionBus.IsInstalled(p.Item1)).ToArray();
        if (missing.Length > 0)
        {
            WhyUnavailable = $"{string.Join(", ", missing.Select(m => m.Item1))} not installed (apt-get install {string.Join(' ', missing.Select(m => m.Item2).Distinct())})";
            return;
        }

        var start = new ProcessStartInfo("Xvfb") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-displayfd", "1", "-screen", "0", string.Create(CultureInfo.InvariantCulture, $"{width}x{height}x24"), "-nolisten", "tcp" })
        {
            start.ArgumentList.Add(a);
        }

        _server = Process.Start(start)!;
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginErrorReadLine();
        var line = _server.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(30)) || !int.TryParse(line.Result, CultureInfo.InvariantCulture, out var number))
        {
            WhyUnavailable = "Xvfb did not say its display number";
            return;
        }

        Display = string.Create(CultureInfo.InvariantCulture, $":{number}");
    }

    public string? WhyUnavailable { get; }

    /// <summary>The display, for <c>DISPLAY</c> (e.g. <c>:99</c>).</summary>
    public string Display { get; } = string.Empty;

    public int Width { get; }

    public int Height { get; }

    /// <summary>Saves the whole screen as a PNG at <paramref name="path"/> and returns its pixels (RGB, 8 bits each, row by row).</summary>
    public byte[] Screenshot(string path)
    {
        Run("import", "-display", Display, "-window", "root", path);
        using var convert = Process.Start(new ProcessStartInfo("convert", [path, "-depth", "8", "rgb:-"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        using var pixels = new MemoryStream();
        convert.StandardOutput.BaseStream.CopyTo(pixels);
        convert.WaitForExit();
        return pixels.ToArray();
    }

    public void Dispose()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill();
            _server.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _server?.Dispose();
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {error}");
        }
    }
}
