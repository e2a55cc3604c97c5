using System.Diagnostics;

namespace GenreStream.TestSupport;

/// <summary>
/// A private PipeWire with WirePlumber and pipewire-pulse (what a current Linux desktop runs), in its own
/// D-Bus session and runtime directory, with the null sink <c>test_sink</c> loaded through the pulse
/// protocol (see <see cref="AudioServer"/>). Use as an xunit class fixture.
/// </summary>
public sealed class PipeWireServer : AudioServer
{
    private Process? _session;

    public PipeWireServer()
        : base("native") // pipewire-pulse puts its socket in PULSE_RUNTIME_PATH, the private directory
    {
        if (OperatingSystem.IsWindows())
        {
            WhyUnavailable = "PipeWire runs on Linux only";
            return;
        }

        var missing = new[] { "pipewire", "pipewire-pulse", "wireplumber", "dbus-run-session", "pactl" }.Where(p => !IsInstalled(p)).ToArray();
        if (missing.Length > 0)
        {
            WhyUnavailable = $"{string.Join(", ", missing)} not installed (apt-get install pipewire pipewire-pulse wireplumber dbus pulseaudio-utils)";
            return;
        }

        // PipeWire keeps its sockets in XDG_RUNTIME_DIR, which must be private to the user.
        File.SetUnixFileMode(Directory.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var info = new ProcessStartInfo("dbus-run-session") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("--");
        info.ArgumentList.Add("sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("pipewire >pipewire.log 2>&1 & sleep 0.3; wireplumber >wireplumber.log 2>&1 & pipewire-pulse >pipewire-pulse.log 2>&1 & wait");
        info.WorkingDirectory = Directory.Path;
        Configure(info);
        _session = Process.Start(info)!;
        _session.OutputDataReceived += (_, _) => { };
        _session.ErrorDataReceived += (_, _) => { };
        _session.BeginOutputReadLine();
        _session.BeginErrorReadLine();

        if (!WaitUntilAnswering(() => !_session.HasExited, Log))
        {
            return;
        }

        var (code, output) = Run("pactl", "load-module", "module-null-sink", "sink_name=test_sink", "rate=44100", "channels=2");
        if (code != 0)
        {
            WhyUnavailable = $"pipewire-pulse refused a null sink: {output}";
            return;
        }

        // The sink appears once the session manager has seen it.
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!Run("pactl", "list", "short", "sources").Output.Contains("test_sink.monitor", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                WhyUnavailable = $"test_sink.monitor did not appear: {Log()}";
                return;
            }

            Thread.Sleep(100);
        }
    }

    /// <inheritdoc/>
    public override void Configure(ProcessStartInfo info)
    {
        base.Configure(info);
        info.Environment["XDG_RUNTIME_DIR"] = Directory.Path;
    }

    /// <inheritdoc/>
    public override void Kill()
    {
        if (_session is { HasExited: false })
        {
            _session.Kill(entireProcessTree: true);
            _session.WaitForExit(TimeSpan.FromSeconds(5));
        }

        _session?.Dispose();
        _session = null;
    }

    private string Log() => string.Join(
        " | ",
        new[] { "pipewire.log", "wireplumber.log", "pipewire-pulse.log" }
            .Select(Directory.File)
            .Where(File.Exists)
            .SelectMany(File.ReadLines)
            .Where(l => l.Contains("E ", StringComparison.Ordinal) || l.Contains("error", StringComparison.OrdinalIgnoreCase))
            .Take(10));
}
