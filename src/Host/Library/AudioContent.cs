namespace GenreStream.Host.Library;

/// <summary>What a file holds, judged by its first bytes: the container of an audio file, or nothing known.</summary>
internal enum AudioContainer
{
    /// <summary>Not a container we know from its first bytes.</summary>
    None,
    Wav,
    Au,
    Flac,
    Ogg,
    Mp3,
    Mp4,
    Aiff,
    Matroska,
    Other,
}

/// <summary>
/// Tells audio files from the rest of a music folder (covers, playlists, notes) by their first bytes, so a song
/// named <c>.txt</c> is found and a picture named <c>.mp3</c> is not; a file whose bytes say nothing but whose
/// extension is an audio one is kept too, so a damaged song is reported rather than silently passed over.
/// </summary>
internal static class AudioContent
{
    /// <summary>Bytes read from the start of a file to judge it.</summary>
    public const int SniffBytes = 16;

    private static readonly HashSet<string> AudioExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".wav", ".wave", ".au", ".snd", ".flac", ".ogg", ".oga", ".opus", ".mp3", ".mp2", ".m4a", ".m4b", ".mp4", ".aac",
        ".aif", ".aiff", ".aifc", ".wma", ".wv", ".ape", ".mka", ".webm", ".caf", ".amr", ".ac3", ".dts", ".mpc",
    };

    /// <summary>Whether the folder scan should classify <paramref name="path"/>.</summary>
    public static bool IsAudio(string path) => Sniff(path) != AudioContainer.None || AudioExtensions.Contains(Path.GetExtension(path));

    /// <summary>The container <paramref name="path"/>'s first bytes show (<see cref="AudioContainer.None"/> when unreadable).</summary>
    public static AudioContainer Sniff(string path)
    {
        Span<byte> head = stackalloc byte[SniffBytes];
        int length;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return AudioContainer.None;
        }

        return Judge(head[..length]);
    }

    /// <summary>The container that <paramref name="head"/> (a file's first bytes) starts.</summary>
    public static AudioContainer Judge(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8))
        {
            return AudioContainer.Wav;
        }

        if (head.StartsWith(".snd"u8))
        {
            return AudioContainer.Au;
        }

        if (head.StartsWith("fLaC"u8))
        {
            return AudioContainer.Flac;
        }

        if (head.StartsWith("OggS"u8))
        {
            return AudioContainer.Ogg;
        }

        if (head.StartsWith("ID3"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) != 0))
        {
            return AudioContainer.Mp3;
        }

        if (head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return AudioContainer.Mp4;
        }

        if (head.Length >= 12 && head.StartsWith("FORM"u8) && (head[8..12].SequenceEqual("AIFF"u8) || head[8..12].SequenceEqual("AIFC"u8)))
        {
            return AudioContainer.Aiff;
        }

        if (head.Length >= 4 && head[0] == 0x1A && head[1] == 0x45 && head[2] == 0xDF && head[3] == 0xA3)
        {
            return AudioContainer.Matroska;
        }

        return head.StartsWith("wvpk"u8) || head.StartsWith("MAC "u8) || head.StartsWith("caff"u8) || head.StartsWith("#!AMR"u8) || head.StartsWith("MPCK"u8)
            || (head.Length >= 4 && head[0] == 0x30 && head[1] == 0x26 && head[2] == 0xB2 && head[3] == 0x75)
            ? AudioContainer.Other
            : AudioContainer.None;
    }
}
