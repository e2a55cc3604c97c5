using System.Diagnostics;
using System.Globalization;

namespace GenreStream.TestSupport;

/// <summary>
/// A private PulseAudio daemon with no hardware and the null sink <c>test_sink</c> (see <see cref="AudioServer"/>).
/// Use as an xunit class or collection fixture.
/// </summary>
/// <remarks>An idle null sink ticks only every ~2 s, so the first read from its monitor may wait that long.</remarks>
public sealed class PulseServer : AudioServer
{
    private int _pid;

    public PulseServer()
        : base("pulse.sock")
    {
        Start();
    }

    /// <summary>Kills the daemon and starts a new one on the same socket (a server that went away and came back).</summary>
    public void Restart()
    {
        Kill();
        File.Delete(Directory.File("pid"));
        File.Delete(Directory.File("pulse.sock"));
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
            "--log-target=file:" + Directory.File("pa.log"),
            "--load=module-native-protocol-unix auth-anonymous=1 socket=" + Directory.File("pulse.sock"),
            "--load=module-null-sink sink_name=test_sink rate=44100 channels=2");
        if (code != 0)
        {
            WhyUnavailable = $"pulseaudio did not start (exit {code}): {output} {Log()}";
            return;
        }

        var pidFile = Directory.File("pid");
        WaitUntilAnswering(
            () =>
            {
                if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    _pid = pid;
                }

                return _pid != 0;
            },
            Log);
    }

    /// <inheritdoc/>
    public override void Kill()
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
        var log = Directory.File("pa.log");
        return File.Exists(log) ? string.Join(" | ", File.ReadLines(log).Where(l => l.StartsWith("E:", StringComparison.Ordinal))) : "";
    }
}
