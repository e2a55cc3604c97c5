namespace GenreStream.Streaming.Sources.Pulse;

/// <summary>
/// No sound server (PulseAudio, or PipeWire's pulse service) can be reached, or its client library or
/// tools are not installed. The message is one line that says what to do instead.
/// </summary>
public sealed class AudioServerUnavailableException : Exception
{
    public AudioServerUnavailableException(string message)
        : base(message)
    {
    }

    public AudioServerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AudioServerUnavailableException()
    {
    }
}
