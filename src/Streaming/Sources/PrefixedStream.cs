using GenreStream.Model.Files;

namespace GenreStream.Streaming.Sources;

/// <summary>
/// A read-only stream that gives <paramref name="prefix"/> and then the rest of <paramref name="rest"/>: the bytes a
/// format was sniffed from, put back in front of a pipe that cannot be rewound or opened a second time.
/// </summary>
/// <param name="prefix">The bytes already read from <paramref name="rest"/>.</param>
/// <param name="rest">The stream they came from; disposed with this one.</param>
internal sealed class PrefixedStream(byte[] prefix, Stream rest) : ReadOnlyStream(rest)
{
    private int _given;

    public override int Read(Span<byte> buffer)
    {
        if (_given < prefix.Length)
        {
            var n = Math.Min(buffer.Length, prefix.Length - _given);
            prefix.AsSpan(_given, n).CopyTo(buffer);
            _given += n;
            return n;
        }

        return Inner.Read(buffer);
    }
}
