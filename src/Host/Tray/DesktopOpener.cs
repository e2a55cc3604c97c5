using System.ComponentModel;
using System.Diagnostics;

namespace GenreStream.Host.Tray;

/// <summary>Opens a web page in the user's browser through <c>xdg-open</c> (which honours <c>$BROWSER</c> and the desktop's choice).</summary>
internal static class DesktopOpener
{
    /// <summary>Where a failure to open is said (one line); standard error by default.</summary>
    public static TextWriter Log { get; set; } = Console.Error;

    public static void Open(Uri page)
    {
        var start = new ProcessStartInfo("xdg-open") { UseShellExecute = false };
        start.ArgumentList.Add(page.ToString());
        try
        {
            using var process = Process.Start(start);
        }
        catch (Win32Exception)
        {
            Log.WriteLine($"genre tray: cannot open {page}: xdg-open is not installed (apt-get install xdg-utils); open it in a browser");
        }
    }
}
