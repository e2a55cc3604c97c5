namespace GenreStream.Streaming.Sources;

/// <summary>
/// Audio input that cannot be read: a malformed or unsupported file, a decoder that failed or is missing.
/// The message is one line meant for the person who gave the input (it names the problem, not a stack).
/// </summary>
public sealed class AudioFormatException : Exception
{
    public AudioFormatException(string message)
        : base(message)
    {
    }

    public AudioFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AudioFormatException()
    {
    }
}
