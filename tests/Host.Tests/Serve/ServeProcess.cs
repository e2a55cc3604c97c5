using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Serve;

/// <summary>A real <c>genre serve</c> process on a free loopback port, stopped (SIGTERM, then SIGKILL) on dispose.</summary>
internal sealed partial class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _error = new();

    /// <param name="args">Arguments after <c>serve --port 0</c>.</param>
    /// <param name="configure">Adjusts the process (environment, e.g. an audio server or a config folder).</param>
    /// <param name="port">The port to listen on; 0 (the default): a free one.</param>
    public ServeProcess(string[] args, Action<ProcessStartInfo>? configure = null, int port = 0)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "genre.dll"));
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        configure?.Invoke(start);
        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _error.Enqueue(e.Data);
            }
        };
        _process.BeginErrorReadLine();
        var first = _process.StandardOutput.ReadLineAsync();
        if (!first.Wait(TimeSpan.FromSeconds(60)) || first.Result is null)
        {
            throw new InvalidOperationException($"genre serve did not start: {Error}");
        }

        var match = Listening().Match(first.Result);
        Assert.True(match.Success, first.Result);
        // Bound to every interface: talk to it on loopback.
        Url = new Uri(match.Groups["url"].Value.Replace("//0.0.0.0:", "//127.0.0.1:", StringComparison.Ordinal).Replace("//[::]:", "//127.0.0.1:", StringComparison.Ordinal));
        Client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Url { get; }

    public HttpClient Client { get; }

    /// <summary>Everything written to standard error so far (the log).</summary>
    public string Error => string.Join('\n', _error);

    public bool HasExited => _process.HasExited;

    /// <summary>The service's process id (for <c>/proc/&lt;pid&gt;</c>).</summary>
    public int Id => _process.Id;

    /// <summary>The service's <c>/api/now</c>.</summary>
    public JsonElement Now()
    {
        using var doc = JsonDocument.Parse(Client.GetStringAsync("/api/now").Result);
        return doc.RootElement.Clone();
    }

    /// <summary>Log lines so far that contain <paramref name="text"/>.</summary>
    public int LogLines(string text) => _error.Count(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>Asks the service to stop as systemd would (SIGTERM) and returns its exit code.</summary>
    public int Stop()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(_process.WaitForExit(TimeSpan.FromSeconds(30)), "genre serve did not stop on SIGTERM");
        return _process.ExitCode;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes.</summary>
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
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"listening on (?<url>http://\S+)")]
    private static partial Regex Listening();
}
