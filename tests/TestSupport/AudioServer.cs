using System.Diagnostics;

namespace GenreStream.TestSupport;

/// <summary>
/// A private audio server speaking the PulseAudio protocol, with no hardware and one null sink
/// <c>test_sink</c> (44100 Hz stereo) whose <c>test_sink.monitor</c> records what is played to it.
/// </summary>
/// <remarks>
/// Code under test reaches it through <see cref="Server"/> passed explicitly, and child processes through
/// <see cref="Configure"/>. The process-wide <c>PULSE_SERVER</c> is deliberately left alone: on Unix
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach native <c>getenv</c>,
/// so in-process libpulse would not see it anyway, and tests run in parallel.
/// </remarks>
public abstract class AudioServer : IDisposable
{
    protected static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    protected AudioServer(string socketName)
    {
        Server = "unix:" + Directory.File(socketName);
    }

    /// <summary>The server's address, as <c>PULSE_SERVER</c> or libpulse's <c>server</c> argument takes it.</summary>
    public string Server { get; }

    /// <summary>Why the server is not running, or null when it is.</summary>
    public string? WhyUnavailable { get; protected set; }

    /// <summary>The private directory holding the socket, logs and the server's runtime files.</summary>
    protected TempDirectory Directory { get; } = new();

    /// <summary>Points a child process at this server (and keeps it off the user's own).</summary>
    public virtual void Configure(ProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.Environment["PULSE_SERVER"] = Server;
        info.Environment["PULSE_RUNTIME_PATH"] = Directory.Path;
        info.Environment["HOME"] = Directory.Path;
    }

    /// <summary>Runs a command against this server and returns its exit code and stdout+stderr (10 s limit).</summary>
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

    /// <summary>
    /// Starts <c>paplay</c> playing <paramref name="clip"/> (any file libsndfile reads: WAV, FLAC…) into
    /// <paramref name="sink"/> of this server; disposing the player stops it.
    /// </summary>
    public AudioPlayer Play(string clip, string sink = "test_sink") => new(this, clip, sink);

    /// <summary>Stops the server at once (as a crash would).</summary>
    public abstract void Kill();

    public void Dispose()
    {
        Kill();
        Directory.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Polls <c>pactl info</c> until the server answers; false (with <see cref="WhyUnavailable"/> set) after <see cref="StartTimeout"/>.</summary>
    protected bool WaitUntilAnswering(Func<bool> stillStarting, Func<string> log)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (stillStarting() && Run("pactl", "info").ExitCode == 0)
            {
                return true;
            }

            if (DateTime.UtcNow > deadline)
            {
                WhyUnavailable = $"{GetType().Name} did not answer 'pactl info' within {StartTimeout.TotalSeconds:0} s: {log()}";
                return false;
            }

            Thread.Sleep(100);
        }
    }

    protected static bool IsInstalled(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(System.IO.Path.Combine(dir, program)));
}
