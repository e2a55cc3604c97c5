using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GenreStream.TestSupport;

/// <summary>
/// A private <c>nats-server -js</c> on a free loopback port with its JetStream store in a temporary folder; it can be
/// stopped and started again on the same port and store (what it had stored is still there).
/// </summary>
public sealed class NatsServer : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new();
    private readonly string? _program;
    private Process? _process;

    public NatsServer()
    {
        _program = Which("nats-server");
        if (_program is null)
        {
            WhyUnavailable = "nats-server not installed (apt-get install nats-server)";
            return;
        }

        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        Start();
    }

    /// <summary>The server's port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Why the server is not running, or null when it is.</summary>
    public string? WhyUnavailable { get; private set; }

    /// <summary>The address <c>--nats</c> takes.</summary>
    public string Url => $"nats://127.0.0.1:{Port}";

    /// <summary>What the server wrote so far.</summary>
    public string Log => string.Join('\n', _log);

    public void Start()
    {
        var info = new ProcessStartInfo(_program!) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-js", "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-sd", _directory.Path })
        {
            info.ArgumentList.Add(a);
        }

        _process = Process.Start(info)!;
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();

        // Listening is not enough: JetStream is ready when the server says so.
        if (!SpinWait.SpinUntil(() => _log.Any(l => l.Contains("Server is ready", StringComparison.Ordinal)) || _process.HasExited, TimeSpan.FromSeconds(30)) || _process.HasExited)
        {
            WhyUnavailable = $"nats-server did not start on port {Port}: {Log}";
        }
    }

    /// <summary>
    /// Stops the server: at once (SIGKILL, as a crash; JetStream's file store may lose what it had not yet written,
    /// nats-server's documented trade-off without sync_always), or as a restart does (SIGTERM: it writes everything out).
    /// </summary>
    public void Stop(bool graceful = false)
    {
        if (_process is { HasExited: false })
        {
            if (graceful)
            {
                using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
                term.WaitForExit(TimeSpan.FromSeconds(10));
                if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
                {
                    _process.Kill();
                }
            }
            else
            {
                _process.Kill();
            }

            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        _directory.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _log.Enqueue(line);
        }
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") + ":/usr/sbin:/sbin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
