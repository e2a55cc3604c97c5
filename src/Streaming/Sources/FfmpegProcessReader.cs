using System.ComponentModel;
using System.Diagnostics;
using GenreStream.Streaming.Audio;

namespace GenreStream.Streaming.Sources;

/// <summary>
/// Owns one running ffmpeg process that writes a float WAV to its stdout, and reads it with a
/// <see cref="WavReader"/>. Stderr is drained asynchronously so ffmpeg never blocks on it.
/// </summary>
internal sealed class FfmpegProcessReader : ISampleReader
{
    private readonly string path;
    private readonly Process process;
    private readonly WavReader wav;
    private string? firstErrorLine;
    private bool exitChecked;
    private bool disposed;
    private CancellationTokenRegistration cancelled;

    /// <param name="path">The file ffmpeg reads, or (with <paramref name="input"/>) the name of what it reads.</param>
    /// <param name="input">A stream fed to ffmpeg's standard input, or null for ffmpeg to open <paramref name="path"/>.</param>
    /// <param name="ffmpegExecutable">The ffmpeg command or full path.</param>
    /// <param name="url">With an <c>http(s)://</c> URL, ffmpeg reads that stream (reconnecting by itself, giving up after <see cref="UrlReadTimeout"/> without data) and <paramref name="path"/> only names it.</param>
    /// <param name="cancel">Stops ffmpeg when cancelled, at any time: while it connects, or while a read waits for a stream that has gone quiet.</param>
    public FfmpegProcessReader(string path, Stream? input, string ffmpegExecutable, Uri? url = null, CancellationToken cancel = default)
    {
        this.path = path;
        process = new Process { StartInfo = CreateStartInfo(url is not null ? url.AbsoluteUri : input is null ? Path.GetFullPath(path) : "pipe:0", ffmpegExecutable, url is not null) };
        process.StartInfo.RedirectStandardInput = input is not null;
        process.ErrorDataReceived += OnErrorData;
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            input?.Dispose();
            process.Dispose();
            var what = ffmpegExecutable == "ffmpeg" ? "ffmpeg was not found on PATH" : $"ffmpeg ('{ffmpegExecutable}') was not found";
            throw new AudioFormatException($"{path}: cannot be decoded: {what} (install ffmpeg, e.g. 'apt-get install ffmpeg')", e);
        }

        process.BeginErrorReadLine();
        cancelled = cancel.Register(StopQuietly);
        if (input is not null)
        {
            Feed(process.StandardInput.BaseStream, input);
        }

        try
        {
            wav = new WavReader(process.StandardOutput.BaseStream);
        }
        catch (AudioFormatException e)
        {
            cancelled.Dispose();
            // Closing our end of the pipe makes an ffmpeg that is still writing exit too.
            process.StandardOutput.BaseStream.Dispose();
            StopProcess();
            var reason = firstErrorLine ?? $"its output was not a WAV stream ({e.Message}; exit code {process.ExitCode})";
            process.Dispose();
            throw new AudioFormatException($"{path}: ffmpeg could not decode it: {reason}", e);
        }
        catch
        {
            cancelled.Dispose();
            StopProcess();
            process.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public AudioFormat Format => wav.Format;

    /// <inheritdoc/>
    public int Read(Span<float> buffer)
    {
        var n = wav.Read(buffer);
        if (n == 0 && !exitChecked)
        {
            exitChecked = true;
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new AudioFormatException($"{path}: ffmpeg could not decode it: {firstErrorLine ?? $"ffmpeg exited with code {process.ExitCode}"}");
            }
        }

        return n;
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        cancelled.Dispose();
        wav.Dispose();
        StopProcess();
        process.Dispose();
    }

    /// <summary>Copies <paramref name="input"/> into ffmpeg on a thread of its own, then closes both.</summary>
    private static void Feed(Stream stdin, Stream input)
    {
        var feeder = new Thread(() =>
        {
            try
            {
                input.CopyTo(stdin);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // ffmpeg stopped reading (it failed, or was stopped), or the reader was disposed: its own error says why.
            }
            finally
            {
                input.Dispose();
                try
                {
                    stdin.Dispose();
                }
                catch (IOException)
                {
                    // Flushing into an ffmpeg that has gone.
                }
            }
        })
        { IsBackground = true, Name = "genre ffmpeg input" };
        feeder.Start();
    }

    /// <summary>How long a stream may deliver nothing before ffmpeg gives up on it (its <c>-rw_timeout</c>).</summary>
    public static readonly TimeSpan UrlReadTimeout = TimeSpan.FromSeconds(10);

    /// <param name="input">The full path of the file, <c>pipe:0</c> for standard input, or a stream's URL.</param>
    /// <param name="ffmpegExecutable">The ffmpeg command or full path.</param>
    /// <param name="isUrl">Whether <paramref name="input"/> is an http(s) stream: ffmpeg reconnects to it a few times by itself (a dropped connection of a live stream has no end) and gives up when it stays silent.</param>
    private static ProcessStartInfo CreateStartInfo(string input, string ffmpegExecutable, bool isUrl = false)
    {
        var info = new ProcessStartInfo(ffmpegExecutable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };

        // A full path keeps a name like "-x" or "http:..." from being read as an option or protocol.
        string[] network = isUrl
            ? ["-reconnect", "1", "-reconnect_streamed", "1", "-reconnect_on_network_error", "1", "-reconnect_delay_max", "8",
               "-rw_timeout", ((long)UrlReadTimeout.TotalMicroseconds).ToString(System.Globalization.CultureInfo.InvariantCulture), "-user_agent", "genre-stream"]
            : [];
        string[] arguments = [.. input == "pipe:0" ? [] : new[] { "-nostdin" }, "-hide_banner", "-loglevel", "error", .. network, "-i", input, "-vn", "-f", "wav", "-acodec", "pcm_f32le", "-"];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private void OnErrorData(object sender, DataReceivedEventArgs e)
    {
        if (!string.IsNullOrWhiteSpace(e.Data))
        {
            Interlocked.CompareExchange(ref firstErrorLine, Problem(e.Data), null);
        }
    }

    /// <summary>
    /// ffmpeg's error line without what our message already says or what means nothing to a reader:
    /// the file's full path in front (<c>/x/y.bin: Invalid data…</c>) and the context's address
    /// (<c>[png @ 0x55d0c1] chunk too big</c> becomes <c>[png] chunk too big</c>).
    /// </summary>
    private string Problem(string line)
    {
        line = line.Trim();
        var fullPath = (path.Contains("://", StringComparison.Ordinal) ? path : Path.GetFullPath(path)) + ": ";
        if (line.StartsWith(fullPath, StringComparison.Ordinal))
        {
            line = line[fullPath.Length..];
        }

        var at = line.IndexOf(" @ 0x", StringComparison.Ordinal);
        var close = line.IndexOf(']', StringComparison.Ordinal);
        return line.StartsWith('[') && at > 0 && close > at ? line[..at] + line[close..] : line;
    }

    /// <summary>Kills ffmpeg (on cancellation, from any thread): a read waiting on it then ends.</summary>
    private void StopQuietly()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already exited, or not started.
        }
    }

    /// <summary>Kills ffmpeg if it is still running, then waits for it and for the end of its stderr.</summary>
    private void StopProcess()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        process.WaitForExit();
    }
}
