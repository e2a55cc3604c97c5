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

    public FfmpegProcessReader(string path, string ffmpegExecutable)
    {
        this.path = path;
        process = new Process { StartInfo = CreateStartInfo(path, ffmpegExecutable) };
        process.ErrorDataReceived += OnErrorData;
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            var what = ffmpegExecutable == "ffmpeg" ? "ffmpeg was not found on PATH" : $"ffmpeg ('{ffmpegExecutable}') was not found";
            throw new AudioFormatException($"{path}: cannot be decoded: {what} (install ffmpeg, e.g. 'apt-get install ffmpeg')", e);
        }

        process.BeginErrorReadLine();
        try
        {
            wav = new WavReader(process.StandardOutput.BaseStream);
        }
        catch (AudioFormatException e)
        {
            // Closing our end of the pipe makes an ffmpeg that is still writing exit too.
            process.StandardOutput.BaseStream.Dispose();
            StopProcess();
            var reason = firstErrorLine ?? $"its output was not a WAV stream ({e.Message}; exit code {process.ExitCode})";
            process.Dispose();
            throw new AudioFormatException($"{path}: ffmpeg could not decode it: {reason}", e);
        }
        catch
        {
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
        wav.Dispose();
        StopProcess();
        process.Dispose();
    }

    private static ProcessStartInfo CreateStartInfo(string path, string ffmpegExecutable)
    {
        var info = new ProcessStartInfo(ffmpegExecutable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };

        // A full path keeps a name like "-x" or "http:..." from being read as an option or protocol.
        string[] arguments = ["-nostdin", "-hide_banner", "-loglevel", "error", "-i", Path.GetFullPath(path), "-vn", "-f", "wav", "-acodec", "pcm_f32le", "-"];
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
        var fullPath = Path.GetFullPath(path) + ": ";
        if (line.StartsWith(fullPath, StringComparison.Ordinal))
        {
            line = line[fullPath.Length..];
        }

        var at = line.IndexOf(" @ 0x", StringComparison.Ordinal);
        var close = line.IndexOf(']', StringComparison.Ordinal);
        return line.StartsWith('[') && at > 0 && close > at ? line[..at] + line[close..] : line;
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
