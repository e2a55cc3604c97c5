using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Tray;

/// <summary>A real <c>genre tray</c> (or <c>genre serve --tray</c>) process, its output lines collected, killed on dispose if still running.</summary>
internal sealed class TrayProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _out = new();
    private readonly ConcurrentQueue<string> _error = new();

    /// <param name="args">The whole command line after the program (e.g. <c>tray --source file:…</c>).</param>
    /// <param name="environment">Variables to set (<c>DBUS_SESSION_BUS_ADDRESS</c>…).</param>
    public TrayProcess(IReadOnlyDictionary<string, string> environment, params string[] args)
        : this(environment, null, args)
    {
    }

    /// <param name="environment">Variables to set (<c>DBUS_SESSION_BUS_ADDRESS</c>…).</param>
    /// <param name="configure">Adjusts the process further (e.g. an audio server's <c>Configure</c>).</param>
    /// <param name="args">The whole command line after the program.</param>
    public TrayProcess(IReadOnlyDictionary<string, string> environment, Action<ProcessStartInfo>? configure, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "genre.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        configure?.Invoke(start);

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Add(_out, e.Data);
        _process.ErrorDataReceived += (_, e) => Add(_error, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The name the tray's item owns on the bus.</summary>
    public string ItemName => string.Create(CultureInfo.InvariantCulture, $"org.kde.StatusNotifierItem-{_process.Id}-1");

    public string[] Out => [.. _out];

    public string[] Error => [.. _error];

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything said so far, for assertion messages.</summary>
    public string Said => $"stdout:\n{string.Join('\n', _out)}\nstderr:\n{string.Join('\n', _error)}";

    /// <summary>Waits for the process to end; false when it is still running after <paramref name="timeout"/>.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>Asks the program to stop as systemd would (SIGTERM).</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Polls <paramref name="condition"/> every 200 ms until it holds or <paramref name="timeout"/> passes.</summary>
    public static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(200);
        }

        return condition();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private static void Add(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }
}
