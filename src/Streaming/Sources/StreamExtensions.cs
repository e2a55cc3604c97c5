namespace GenreStream.Streaming.Sources;

/// <summary>Header-parsing helpers that work on non-seekable streams (pipes) without allocating.</summary>
internal static class StreamExtensions
{
    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    public static int ReadFully(this Stream stream, Span<byte> buffer) =>
        stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);

    /// <summary>Skips <paramref name="count"/> bytes; returns false when the stream ends first.</summary>
    public static bool Skip(this Stream stream, long count)
    {
        if (count <= 0)
        {
            return true;
        }

        if (stream.CanSeek)
        {
            var target = stream.Position + count;
            if (target > stream.Length)
            {
                stream.Seek(0, SeekOrigin.End);
                return false;
            }

            stream.Seek(count, SeekOrigin.Current);
            return true;
        }

        Span<byte> scratch = stackalloc byte[4096];
        while (count > 0)
        {
            var n = stream.Read(scratch[..(int)Math.Min(count, scratch.Length)]);
            if (n == 0)
            {
                return false;
            }

            count -= n;
        }

        return true;
    }
}
