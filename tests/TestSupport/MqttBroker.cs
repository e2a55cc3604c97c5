using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GenreStream.TestSupport;

/// <summary>
/// A private mosquitto broker on a free loopback port that wants a user name and password
/// (<see cref="User"/>, <see cref="Password"/>); it can be stopped and started again on the same port.
/// </summary>
public sealed class MqttBroker : IDisposable
{
    public const string User = "genre";
    public const string Password = "listen-to-this";
    private readonly TempDirectory _directory = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new();
    private Process? _process;

    public MqttBroker()
    {
        if (OperatingSystem.IsWindows())
        {
            WhyUnavailable = "the mosquitto tests run on Linux";
            return;
        }

        var missing = new[] { "mosquitto", "mosquitto_sub", "mosquitto_passwd" }.Where(p => Which(p) is null).ToArray();
        if (missing.Length > 0)
        {
            WhyUnavailable = $"{string.Join(", ", missing)} not installed (apt-get install mosquitto mosquitto-clients)";
            return;
        }

        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        // mosquitto started as root reads its files as the user "mosquitto".
        File.SetUnixFileMode(_directory.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var passwords = _directory.File("passwords");
        Run(Which("mosquitto_passwd")!, "-b", "-c", passwords, User, Password);
        File.SetUnixFileMode(passwords, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.WriteAllText(_directory.File("mosquitto.conf"), $"""
            listener {Port} 127.0.0.1
            allow_anonymous false
            password_file {passwords}
            persistence false
            log_dest stderr

            """);
        Start();
    }

    /// <summary>The broker's port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Why the broker is not running, or null when it is.</summary>
    public string? WhyUnavailable { get; private set; }

    /// <summary>The URL <c>--mqtt</c> takes, with the user name.</summary>
    public string Url => $"mqtt://{User}@127.0.0.1:{Port}";

    public void Start()
    {
        _process = Process.Start(new ProcessStartInfo(Which("mosquitto")!, ["-c", _directory.File("mosquitto.conf")]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _log.Enqueue(e.Data);
            }
        };
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        WhyUnavailable = $"mosquitto did not listen on port {Port}: {string.Join(" | ", _log)}";
    }

    /// <summary>Stops the broker at once.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>
    /// Subscribes with mosquitto_sub to <paramref name="topic"/> and returns "topic payload" lines: after
    /// <paramref name="count"/> messages, or what came within <paramref name="seconds"/>.
    /// </summary>
    public Process Subscribe(string topic, int count, int seconds)
    {
        var info = new ProcessStartInfo(Which("mosquitto_sub")!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-u", User, "-P", Password, "-t", topic, "-v", "-C", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "-W", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info)!;
    }

    public void Dispose()
    {
        Stop();
        _directory.Dispose();
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.WaitForExit(TimeSpan.FromSeconds(10));
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") + ":/usr/sbin:/sbin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
