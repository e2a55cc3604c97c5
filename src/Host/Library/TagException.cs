namespace GenreStream.Host.Library;

/// <summary>A file's tags cannot be read or written; the message names the file. A failed write leaves the file as it was.</summary>
internal sealed class TagException : Exception
{
    public TagException(string message)
        : base(message)
    {
    }

    public TagException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
