using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace GenreStream.TestSupport;

/// <summary>
/// A real HTTP "internet radio" on loopback (Python's http.server, <c>Radio/radio_server.py</c>): <c>/live.mp3</c> plays an
/// MP3 made from a clip, looped, at its bit rate; <c>/stall</c> answers and then sends nothing. Can be killed and started
/// again on the same port (a station that drops and comes back).
/// </summary>
public sealed class RadioServer : IDisposable
{
    private const int BitRate = 64_000;
    private readonly TempDirectory _directory = new();
    private readonly string _mp3;
    private Process? _process;

    /// <summary>Encodes <paramref name="clip"/> (any format ffmpeg reads) as a 64 kb/s MP3 and starts serving it.</summary>
    public RadioServer(string clip)
    {
        _mp3 = _directory.File("station.mp3");
        using (var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-i", clip, "-ac", "1", "-ar", "22050", "-b:a", "64k", "-f", "mp3", _mp3]) { RedirectStandardError = true })!)
        {
            var error = ffmpeg.StandardError.ReadToEnd();
            Assert.True(ffmpeg.WaitForExit(60_000), "ffmpeg did not finish encoding the station's MP3");
            Assert.True(ffmpeg.ExitCode == 0, error);
        }

        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        Start();
    }

    /// <summary>Whether <c>/usr/bin/python3</c> and ffmpeg are there; else why not.</summary>
    public static string? WhyUnavailable =>
        !File.Exists("/usr/bin/python3") ? "/usr/bin/python3 is not installed"
        : !Ffmpeg.IsAvailable ? "ffmpeg is not installed (apt-get install ffmpeg)"
        : null;

    public int Port { get; }

    /// <summary>The looping station.</summary>
    public Uri Live => new($"http://127.0.0.1:{Port}/live.mp3");

    /// <summary>A station that answers and never sends a byte.</summary>
    public Uri Stall => new($"http://127.0.0.1:{Port}/stall");

    /// <summary>Starts the server (again) on <see cref="Port"/>; returns once it listens.</summary>
    public void Start()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Radio", "radio_server.py");
        var start = new ProcessStartInfo("/usr/bin/python3", ["-u", script, Port.ToString(System.Globalization.CultureInfo.InvariantCulture), _mp3, (BitRate / 8).ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start)!;
        var ready = _process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(30)) || ready.Result != "ready")
        {
            _process.Kill();
            Assert.Fail($"the radio server did not start: {_process.StandardError.ReadToEnd()}");
        }
    }

    /// <summary>Kills the server at once (SIGKILL): every connection drops.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            Assert.True(_process.WaitForExit(10_000), "the radio server did not stop");
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Kill();
        _directory.Dispose();
    }
}
