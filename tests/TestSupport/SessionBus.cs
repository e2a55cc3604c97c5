using System.Diagnostics;

namespace GenreStream.TestSupport;

/// <summary>
/// A private D-Bus session bus (<c>dbus-daemon --session</c>) and the programs started on it (a
/// StatusNotifierWatcher, a tray host), all stopped on dispose. <see cref="WhyUnavailable"/> says what is
/// missing; pass it to <see cref="Requires.Available"/>.
/// </summary>
public sealed class SessionBus : IDisposable
{
    private readonly List<Process> _programs = [];
    private readonly Process? _daemon;

    public SessionBus()
    {
        if (!IsInstalled("dbus-daemon"))
        {
            WhyUnavailable = "dbus-daemon is not installed (apt-get install dbus)";
            return;
        }

        var start = new ProcessStartInfo("dbus-daemon") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--session", "--nofork", "--print-address=1" })
        {
            start.ArgumentList.Add(a);
        }

        _daemon = Process.Start(start)!;
        _daemon.ErrorDataReceived += (_, _) => { };
        _daemon.BeginErrorReadLine();
        var line = _daemon.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(30)) || string.IsNullOrEmpty(line.Result))
        {
            WhyUnavailable = "dbus-daemon --session did not print its address";
            return;
        }

        Address = line.Result.Trim();
    }

    /// <summary>Why the bus could not be started, or null.</summary>
    public string? WhyUnavailable { get; }

    /// <summary>The bus's address, for <c>DBUS_SESSION_BUS_ADDRESS</c>.</summary>
    public string Address { get; } = string.Empty;

    /// <summary>Whether <paramref name="program"/> is on PATH.</summary>
    public static bool IsInstalled(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':').Any(d => File.Exists(Path.Combine(d, program)));

    /// <summary>Points <paramref name="info"/> at this bus.</summary>
    public void Configure(ProcessStartInfo info) => info.Environment["DBUS_SESSION_BUS_ADDRESS"] = Address;

    /// <summary>Starts <paramref name="program"/> on this bus (output discarded); it is stopped on dispose.</summary>
    public Process Start(string program, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        Configure(start);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (_programs)
        {
            _programs.Add(process);
        }

        return process;
    }

    public void Dispose()
    {
        lock (_programs)
        {
            foreach (var p in Enumerable.Reverse(_programs).Append(_daemon).OfType<Process>())
            {
                try
                {
                    if (!p.HasExited)
                    {
                        p.Kill(entireProcessTree: true);
                        p.WaitForExit(TimeSpan.FromSeconds(10));
                    }
                }
                catch (InvalidOperationException)
                {
                    // Never started.
                }

                p.Dispose();
            }
        }
    }
}
