namespace GenreStream.Streaming.Sources;

/// <summary>Opens a file for a reader that parses a header in its constructor, so that errors name the file.</summary>
internal static class HeaderedFile
{
    /// <summary>
    /// Opens <paramref name="path"/> and hands the stream to <paramref name="create"/>; if that fails, the
    /// stream is closed, and an <see cref="AudioFormatException"/> gets the path in front of its message.
    /// </summary>
    public static T Open<T>(string path, Func<Stream, T> create) => Open(path, File.OpenRead(path), create);

    /// <summary>As <see cref="Open{T}(string, Func{Stream, T})"/>, on <paramref name="stream"/> already opened from <paramref name="path"/>.</summary>
    public static T Open<T>(string path, Stream stream, Func<Stream, T> create)
    {
        try
        {
            return create(stream);
        }
        catch (AudioFormatException e)
        {
            stream.Dispose();
            throw new AudioFormatException($"{path}: {e.Message}", e);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
