namespace GenreStream.Model.Files;

/// <summary>
/// A forward-only, read-only stream over another, which it disposes: what a wrapper that only changes how
/// bytes are read (<see cref="SizeLimitedStream"/>, a stream with sniffed bytes put back) needs from
/// <see cref="Stream"/> besides its <see cref="Read(Span{byte})"/>.
/// </summary>
/// <param name="inner">The stream read; disposed with this one.</param>
public abstract class ReadOnlyStream(Stream inner) : Stream
{
    /// <summary>The stream read.</summary>
    protected Stream Inner => inner;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public abstract override int Read(Span<byte> buffer);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

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
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
