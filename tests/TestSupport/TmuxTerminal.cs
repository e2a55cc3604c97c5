using System.Diagnostics;
using Xunit;

namespace GenreStream.TestSupport;

/// <summary>
/// A real terminal for full-screen programs: a private tmux server (its own socket in a temporary folder)
/// with one detached window of a chosen size, driven as a person would (keys, resizes) and read back as
/// the screen shows it. Dispose kills the server and whatever runs in it.
/// </summary>
public sealed class TmuxTerminal : IDisposable
{
    /// <summary>Debian's tmux.</summary>
    public const string Program = "/usr/bin/tmux";

    private const string Session = "test";

    private readonly TempDirectory _folder = new();
    private bool _started;

    /// <summary>Why tmux cannot be used here, or null when it can.</summary>
    public static string? WhyUnavailable => File.Exists(Program) ? null : $"{Program} is missing (apt-get install tmux)";

    /// <summary>Starts <paramref name="command"/> (run by <c>sh -c</c>) in a window of <paramref name="width"/> columns and <paramref name="height"/> lines.</summary>
    public void Start(int width, int height, string command)
    {
        Tmux("-f", "/dev/null", "new-session", "-d", "-s", Session, "-x", $"{width}", "-y", $"{height}", command);
        _started = true;
    }

    /// <summary>The screen's lines as shown (trailing blanks trimmed); <paramref name="joinWrapped"/> joins lines the terminal wrapped.</summary>
    public string[] Screen(bool joinWrapped = false) =>
        Tmux(joinWrapped ? ["capture-pane", "-p", "-J", "-t", Session] : ["capture-pane", "-p", "-t", Session]).TrimEnd('\n').Split('\n');

    /// <summary>A tmux format about the pane, e.g. <c>#{alternate_on}</c> or <c>#{cursor_flag}</c>.</summary>
    public string Format(string format) => Tmux("display-message", "-p", "-t", Session, format).Trim();

    public void Resize(int width, int height) => Tmux("resize-window", "-t", Session, "-x", $"{width}", "-y", $"{height}");

    /// <summary>Types keys in tmux's names, e.g. <c>C-c</c>.</summary>
    public void SendKeys(params string[] keys) => Tmux(["send-keys", "-t", Session, .. keys]);

    /// <summary>Polls the screen until <paramref name="condition"/> holds; fails showing the last screen after <paramref name="timeout"/>.</summary>
    public string[] WaitFor(Func<string[], bool> condition, TimeSpan timeout, string what, bool joinWrapped = false)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var screen = Screen(joinWrapped);
            if (condition(screen))
            {
                return screen;
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"waited {timeout.TotalSeconds:0} s for {what}; the screen shows:\n{string.Join('\n', screen)}");
            }

            Thread.Sleep(200);
        }
    }

    public void Dispose()
    {
        if (_started)
        {
            try
            {
                Tmux("kill-server");
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        _folder.Dispose();
    }

    private string Tmux(params string[] arguments)
    {
        var info = new ProcessStartInfo(Program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in (string[])["-u", "-S", _folder.File("socket"), .. arguments])
        {
            info.ArgumentList.Add(a);
        }

        // The server (started by the first call) passes these on to the programs in its windows.
        info.Environment["LANG"] = "C.UTF-8";
        info.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tmux {string.Join(' ', arguments)} failed: {error.Result.Trim()}");
        }

        return output;
    }
}
