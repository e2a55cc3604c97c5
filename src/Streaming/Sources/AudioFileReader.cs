namespace GenreStream.Streaming.Sources;

/// <summary>Opens an audio file by its content: WAV and AU are read directly, anything else goes through ffmpeg.</summary>
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

        Span<byte> head = stackalloc byte[SniffBytes];
        int headLength;
        using (var stream = OpenForReading(path))
        {
            headLength = stream.ReadFully(head);
        }

        if (headLength == 0)
        {
            throw new AudioFormatException($"{path}: file is empty");
        }

        head = head[..headLength];
        if (headLength == SniffBytes && head[..4].SequenceEqual("RIFF"u8) && head[8..].SequenceEqual("WAVE"u8))
        {
            return WavReader.Open(path);
        }

        if (head.StartsWith(".snd"u8))
        {
            return AuReader.Open(path);
        }

        return FfmpegDecoder.Open(path);
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
