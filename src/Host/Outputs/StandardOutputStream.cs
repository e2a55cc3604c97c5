using Microsoft.Win32.SafeHandles;

namespace GenreStream.Host.Outputs;

/// <summary>
/// Standard output written straight to file descriptor 1, failing with a <see cref="StandardOutputException"/>
/// that says why. .NET's console stream drops writes into a closed pipe without a word (EPIPE), which kept
/// <c>genre listen | head -1</c> running after <c>head</c> had gone; and a full disk or a closed descriptor
/// surfaced as whatever exception the writer happened to throw.
/// </summary>
/// <remarks>The descriptor is opened at the first write, never closed (it is not ours), and written unbuffered.</remarks>
internal sealed class StandardOutputStream : Stream
{
    private Stream? _stream;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Standard output as text: UTF-8 without a byte-order mark, flushed at every write like the console's.</summary>
    public static TextWriter OpenWriter() =>
        TextWriter.Synchronized(new StreamWriter(new StandardOutputStream(), new System.Text.UTF8Encoding(false), 4096) { AutoFlush = true, NewLine = "\n" });

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            (_stream ??= Open()).Write(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StandardOutputException(e);
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stream?.Dispose();
        }

        base.Dispose(disposing);
    }

    private static Stream Open() => OperatingSystem.IsWindows()
        ? Console.OpenStandardOutput()
        : new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
}
