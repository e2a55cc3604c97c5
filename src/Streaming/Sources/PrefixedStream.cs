namespace GenreStream.Streaming.Sources;

/// <summary>
/// A read-only stream that gives <paramref name="prefix"/> and then the rest of <paramref name="rest"/>: the bytes a
/// format was sniffed from, put back in front of a pipe that cannot be rewound or opened a second time.
/// </summary>
/// <param name="prefix">The bytes already read from <paramref name="rest"/>.</param>
/// <param name="rest">The stream they came from; disposed with this one.</param>
internal sealed class PrefixedStream(byte[] prefix, Stream rest) : Stream
{
    private int _given;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_given < prefix.Length)
        {
            var n = Math.Min(buffer.Length, prefix.Length - _given);
            prefix.AsSpan(_given, n).CopyTo(buffer);
            _given += n;
            return n;
        }

        return rest.Read(buffer);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            rest.Dispose();
        }

        base.Dispose(disposing);
    }
}
