namespace GenreStream.Host.Library;

/// <summary>
/// Reads and writes the genre in a file's own tags with TagLibSharp: ID3v2 (mp3, and WAV), Vorbis comments (ogg,
/// flac), MP4 atoms (m4a). The kind of file is judged by its content (<see cref="AudioContent"/>), so a file with the
/// wrong extension is tagged in its real format. A write never leaves a file half-written: the tags are written
/// into a copy beside it (same folder, so the same file system), read back, and only then renamed over it, which the
/// file system does at once.
/// </summary>
internal static class TagWriter
{
    /// <summary>The genre in <paramref name="path"/>'s tags now (empty when none).</summary>
    /// <exception cref="TagException">The file's tags cannot be read (a format without tags, a damaged file).</exception>
    public static string Read(string path)
    {
        using var file = Open(path, MimeType(path, path));
        return file.Tag.JoinedGenres ?? string.Empty;
    }

    /// <summary>Writes <paramref name="genre"/> as the only genre of <paramref name="path"/>.</summary>
    /// <exception cref="TagException">The tags cannot be written; the file is as it was.</exception>
    public static void Write(string path, string genre)
    {
        var mime = MimeType(path, path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var copy = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.genre-tags");
        try
        {
            File.Copy(path, copy, overwrite: true);
            using (var file = Open(copy, mime))
            {
                file.Tag.Genres = [genre];
                file.Save();
            }

            using (var check = Open(copy, mime))
            {
                if (check.Tag.JoinedGenres != genre)
                {
                    throw new TagException($"{path}: the genre did not read back after writing (got \"{check.Tag.JoinedGenres}\")");
                }
            }

            File.Move(copy, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotImplementedException or TagLib.CorruptFileException or TagLib.UnsupportedFormatException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new TagException($"{path}: cannot write tags ({e.Message.ReplaceLineEndings(" ")})", e);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    // TagLib.File.Create makes the file class of a MIME type with Activator: keep the constructors of the classes
    // MimeType names, so the native (trimmed) program can make them too.
    [System.Diagnostics.CodeAnalysis.DynamicDependency(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors, typeof(TagLib.Mpeg.AudioFile))]
    [System.Diagnostics.CodeAnalysis.DynamicDependency(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors, typeof(TagLib.Flac.File))]
    [System.Diagnostics.CodeAnalysis.DynamicDependency(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors, typeof(TagLib.Ogg.File))]
    [System.Diagnostics.CodeAnalysis.DynamicDependency(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors, typeof(TagLib.Mpeg4.File))]
    [System.Diagnostics.CodeAnalysis.DynamicDependency(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors, typeof(TagLib.Riff.File))]
    [System.Diagnostics.CodeAnalysis.DynamicDependency(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors, typeof(TagLib.Aiff.File))]
    [System.Diagnostics.CodeAnalysis.DynamicDependency(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors, typeof(TagLib.Matroska.File))]
    private static TagLib.File Open(string path, string mime)
    {
        try
        {
            return TagLib.File.Create(path, mime, TagLib.ReadStyle.Average);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TagLib.CorruptFileException or TagLib.UnsupportedFormatException or NotImplementedException or ArgumentException)
        {
            throw new TagException($"{path}: cannot read tags ({e.Message.ReplaceLineEndings(" ")})", e);
        }
    }

    private static string MimeType(string path, string name) => AudioContent.Sniff(path) switch
    {
        AudioContainer.Mp3 => "taglib/mp3",
        AudioContainer.Flac => "taglib/flac",
        AudioContainer.Ogg => "taglib/ogg",
        AudioContainer.Mp4 => "taglib/m4a",
        AudioContainer.Wav => "taglib/wav",
        AudioContainer.Aiff => "taglib/aiff",
        AudioContainer.Matroska => "taglib/mka",
        _ => throw new TagException($"{name}: tags are written only in mp3, flac, ogg, m4a, wav, aiff and mka files"),
    };
}
