using System.Diagnostics;

namespace GenreStream.TestSupport;

/// <summary>Runs the ffmpeg command line to prepare test files (encode a synthesized WAV to flac, ogg...).</summary>
public static class Ffmpeg
{
    private static readonly Lazy<bool> LazyAvailable = new(() => TryRun(["-version"], out _));

    /// <summary>True when <c>ffmpeg</c> runs from PATH.</summary>
    public static bool IsAvailable => LazyAvailable.Value;

    /// <summary>Runs ffmpeg with <paramref name="arguments"/> and throws with its stderr if it fails.</summary>
    public static void Run(params string[] arguments)
    {
        if (!TryRun(["-nostdin", "-hide_banner", "-loglevel", "error", "-y", .. arguments], out var error))
        {
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed: {error}");
        }
    }

    private static bool TryRun(string[] arguments, out string error)
    {
        var info = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        try
        {
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            error = process.StandardError.ReadToEnd();
            stdout.Wait();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            error = e.Message;
            return false;
        }
    }
}
