namespace GenreStream.Streaming.Sources;

/// <summary>Decodes any format ffmpeg understands (flac, ogg, mp3, m4a...) by running it as a child process.</summary>
public static class FfmpegDecoder
{
    /// <summary>
    /// Starts <c>ffmpeg -i <paramref name="path"/> -f wav -acodec pcm_f32le -</c> and streams its output
    /// at the file's native sample rate and channel count.
    /// </summary>
    /// <param name="path">The audio file.</param>
    /// <param name="ffmpegExecutable">The ffmpeg command or full path.</param>
    /// <returns>A reader that owns the process; disposing it stops ffmpeg if still running.</returns>
    /// <exception cref="AudioFormatException">ffmpeg is missing, or failed to decode the file; the message starts with the path and quotes ffmpeg's first error line.</exception>
    public static ISampleReader Open(string path, string ffmpegExecutable = "ffmpeg")
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(ffmpegExecutable);
        return new FfmpegProcessReader(path, null, ffmpegExecutable);
    }

    /// <summary>
    /// Decodes <paramref name="input"/> (a pipe opened from <paramref name="path"/>, read once) by feeding it to
    /// ffmpeg's standard input on a thread of its own; <paramref name="path"/> only names it in messages.
    /// </summary>
    /// <returns>A reader that owns the process and <paramref name="input"/>.</returns>
    public static ISampleReader Open(string path, Stream input, string ffmpegExecutable = "ffmpeg")
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrEmpty(ffmpegExecutable);
        return new FfmpegProcessReader(path, input, ffmpegExecutable);
    }

    /// <summary>
    /// Decodes the <c>http://</c> or <c>https://</c> stream at <paramref name="url"/> (internet radio, a venue feed) as it arrives.
    /// ffmpeg reconnects by itself after a dropped connection for a few seconds; a stream that sends nothing for
    /// 10 s, or cannot be reached, ends the reader with an <see cref="AudioFormatException"/> quoting ffmpeg's error.
    /// </summary>
    /// <param name="url">The stream.</param>
    /// <param name="ffmpegExecutable">The ffmpeg command or full path.</param>
    /// <param name="cancel">Stops ffmpeg at once when cancelled, also while it is still connecting (the open or a read then fails).</param>
    /// <returns>A reader that owns the process; disposing it stops ffmpeg.</returns>
    public static ISampleReader OpenUrl(Uri url, string ffmpegExecutable = "ffmpeg", CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrEmpty(ffmpegExecutable);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("must be an absolute http:// or https:// URL", nameof(url));
        }

        return new FfmpegProcessReader(SourceSpec.Redacted(url), null, ffmpegExecutable, url, cancel);
    }
}
