using System.ComponentModel;
using System.Diagnostics;

namespace GenreStream.Streaming.Sources;

/// <summary>
/// Decodes several files with one ffmpeg process, each to its own float WAV file: the same samples
/// <see cref="FfmpegDecoder"/> streams, without paying ffmpeg's start-up (about 60 ms of CPU) per file.
/// For batch work such as feature extraction for training, where that start-up dominates short clips.
/// </summary>
public static class FfmpegBatchDecoder
{
    /// <summary>
    /// Runs <c>ffmpeg -i in₀ -i in₁ … -map 0:a:0 -f wav -acodec pcm_f32le out₀ -map 1:a:0 … out₁ …</c>
    /// and waits for it.
    /// </summary>
    /// <param name="inputs">The audio files.</param>
    /// <param name="outputs">Where each input's WAV goes (overwritten), as many as <paramref name="inputs"/>.</param>
    /// <param name="cancel">Kills ffmpeg when cancelled (the result is then "cancelled").</param>
    /// <param name="ffmpegExecutable">The ffmpeg command or full path.</param>
    /// <param name="outputArguments">
    /// ffmpeg output options for every output (such as <c>-af volume=-12dB</c> or <c>-ar 44100 -b:a 128k</c>), and the
    /// format and codec to write instead of float WAV (<c>-f mp3</c>); null: float WAV at the input's rate.
    /// </param>
    /// <returns>Null when every file was decoded; otherwise ffmpeg's first error line (one bad input fails the whole batch).</returns>
    public static string? DecodeToWavFiles(IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, CancellationToken cancel, string ffmpegExecutable = "ffmpeg", IReadOnlyList<string>? outputArguments = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        if (inputs.Count != outputs.Count || inputs.Count == 0)
        {
            throw new ArgumentException($"{inputs.Count} inputs and {outputs.Count} outputs: give one output per input, at least one");
        }

        var info = new ProcessStartInfo(ffmpegExecutable)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };

        // Full paths keep a name like "-x" or "http:..." from being read as an option or protocol.
        foreach (var argument in (string[])["-nostdin", "-hide_banner", "-loglevel", "error", "-y"])
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var input in inputs)
        {
            info.ArgumentList.Add("-i");
            info.ArgumentList.Add(Path.GetFullPath(input));
        }

        for (var i = 0; i < outputs.Count; i++)
        {
            string[] format = outputArguments is null ? ["-f", "wav", "-acodec", "pcm_f32le"] : [.. outputArguments];
            foreach (var argument in (string[])["-map", $"{i}:a:0", "-vn", .. format, Path.GetFullPath(outputs[i])])
            {
                info.ArgumentList.Add(argument);
            }
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            return ffmpegExecutable == "ffmpeg" ? "ffmpeg was not found on PATH" : $"ffmpeg ('{ffmpegExecutable}') was not found";
        }

        using var stop = cancel.Register(() =>
        {
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // It had already exited.
            }
        });
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (cancel.IsCancellationRequested)
        {
            return "cancelled";
        }

        if (process.ExitCode == 0)
        {
            return null;
        }

        var first = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return first ?? $"ffmpeg exited with code {process.ExitCode}";
    }
}
