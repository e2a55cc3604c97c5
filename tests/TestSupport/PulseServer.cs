using System.Diagnostics;
using System.Globalization;

namespace GenreStream.TestSupport;

/// <summary>
/// A private PulseAudio daemon with no hardware: one null sink <c>test_sink</c> (44100 Hz stereo) whose
/// <c>test_sink.monitor</c> records what is played to it. Use as an xunit class fixture.
/// </summary>
/// <remarks>
/// Code under test reaches it through <see cref="Server"/> passed explicitly, and child processes through
/// <see cref="Configure"/>. The process-wide <c>PULSE_SERVER</c> is deliberately left alone: on Unix
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach native <c>getenv</c>,
/// so in-process libpulse would not see it anyway, and tests run in parallel.
/// An idle null sink ticks only every ~2 s, so the first read from its monitor may wait that long.
/// </remarks>
public sealed class PulseServer : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private readonly TempDirectory _directory = new();
    private int _pid;

    public PulseServer()
    {
        Server = "unix:" + _directory.File("pulse.sock");
        Start();
    }

    /// <summary>Kills the daemon and starts a new one on the same socket (a server that went away and came back).</summary>
    public void Restart()
    {
        Kill();
        File.Delete(_directory.File("pid"));
        File.Delete(_directory.File("pulse.sock"));
        Start();
    }

    private void Start()
    {
        if (!IsInstalled("pulseaudio") || !IsInstalled("pactl"))
        {
            WhyUnavailable = "pulseaudio and pactl are not installed (apt-get install pulseaudio pulseaudio-utils)";
            return;
        }

        var (code, output) = Run("pulseaudio",
            "-D", "-n", "--exit-idle-time=-1", "--disallow-exit", "--disable-shm=yes",
            "--log-target=file:" + _directory.File("pa.log"),
            "--load=module-native-protocol-unix auth-anonymous=1 socket=" + _directory.File("pulse.sock"),
            "--load=module-null-sink sink_name=test_sink rate=44100 channels=2");
        if (code != 0)
        {
            WhyUnavailable = $"pulseaudio did not start (exit {code}): {output} {Log()}";
            return;
        }

        var pidFile = _directory.File("pid");
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                _pid = pid;
            }

            if (_pid != 0 && Run("pactl", "info").ExitCode == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                WhyUnavailable = $"pulseaudio did not answer 'pactl info' within {StartTimeout.TotalSeconds:0} s: {Log()}";
                return;
            }

            Thread.Sleep(100);
        }
    }

    /// <summary>The daemon's address, as <c>PULSE_SERVER</c> or libpulse's <c>server</c> argument takes it.</summary>
    public string Server { get; }

    /// <summary>Why the daemon is not running, or null when it is.</summary>
    public string? WhyUnavailable { get; private set; }

    /// <summary>Points a child process at this daemon (and keeps it off the user's own).</summary>
    public void Configure(ProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.Environment["PULSE_SERVER"] = Server;
        info.Environment["PULSE_RUNTIME_PATH"] = _directory.Path;
        info.Environment["HOME"] = _directory.Path;
    }

    /// <summary>Runs a command against this daemon and returns its exit code and stdout+stderr (10 s limit).</summary>
    public (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        Configure(info);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{program} timed out");
        }

        return (process.ExitCode, (stdout.Result + stderr.Result).Trim());
    }

    public void Dispose()
    {
        Kill();
        _directory.Dispose();
    }

    /// <summary>Stops the daemon at once (as a crash would).</summary>
    public void Kill()
    {
        if (_pid != 0)
        {
            try
            {
                using var daemon = Process.GetProcessById(_pid);
                daemon.Kill();
                daemon.WaitForExit(TimeSpan.FromSeconds(5));
            }
            catch (ArgumentException)
            {
                // already gone
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            _pid = 0;
        }
    }

    private string Log()
    {
        var log = _directory.File("pa.log");
        return File.Exists(log) ? string.Join(" | ", File.ReadLines(log).Where(l => l.StartsWith("E:", StringComparison.Ordinal))) : "";
    }

    private static bool IsInstalled(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}
