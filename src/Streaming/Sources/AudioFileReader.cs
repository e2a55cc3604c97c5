namespace GenreStream.Streaming.Sources;

/// <summary>
/// Opens an audio file by its content: WAV and AU are read directly, anything else goes through ffmpeg. The file
/// is opened once: a pipe (process substitution <c>&lt;(…)</c>, a named pipe with a writer) cannot be rewound or
/// opened again without losing what was read or killing its writer, so its sniffed bytes are put back in front.
/// </summary>
public static class AudioFileReader
{
    private const int SniffBytes = 12;

    /// <summary>Opens <paramref name="path"/> with the reader its first bytes call for.</summary>
    /// <returns>A reader that owns the file (or the ffmpeg process).</returns>
    /// <exception cref="AudioFormatException">The file is missing, unreadable, empty or not decodable; the message names it.</exception>
    public static ISampleReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new AudioFormatException($"{path}: is a directory, not an audio file");
        }

        if (!File.Exists(path))
        {
            throw new AudioFormatException($"{path}: file not found");
        }

        var stream = OpenForReading(path);
        try
        {
            var head = new byte[SniffBytes];
            var headLength = stream.ReadFully(head);
            if (headLength == 0)
            {
                throw new AudioFormatException($"{path}: file is empty");
            }

            Stream input;
            if (stream.CanSeek)
            {
                stream.Seek(0, SeekOrigin.Begin);
                input = stream;
            }
            else
            {
                input = new PrefixedStream(head[..headLength], stream);
            }

            if (headLength == SniffBytes && head.AsSpan(0, 4).SequenceEqual("RIFF"u8) && head.AsSpan(8).SequenceEqual("WAVE"u8))
            {
                return HeaderedFile.Open(path, input, s => new WavReader(s));
            }

            if (head.AsSpan(0, headLength).StartsWith(".snd"u8))
            {
                return HeaderedFile.Open(path, input, s => new AuReader(s));
            }

            if (stream.CanSeek)
            {
                // ffmpeg opens a file itself (and may seek in it, e.g. to an mp4's index at the end).
                stream.Dispose();
                return FfmpegDecoder.Open(path);
            }

            return FfmpegDecoder.Open(path, input);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static FileStream OpenForReading(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new AudioFormatException($"{path}: permission denied", e);
        }
        catch (IOException e)
        {
            throw new AudioFormatException($"{path}: cannot be read ({e.Message})", e);
        }
    }
}
