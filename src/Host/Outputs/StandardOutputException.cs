namespace GenreStream.Host.Outputs;

/// <summary>Standard output could not be written; the message says why, as the system put it.</summary>
internal sealed class StandardOutputException : IOException
{
    public StandardOutputException(Exception inner)
        : base($"cannot write to standard output: {WriteFailure.Reason(inner)}", inner)
    {
        HResult = WriteFailure.Errno(inner);
    }

    /// <summary>Whether the reader went away (<c>| head</c>): a quiet end, not an error.</summary>
    public bool IsBrokenPipe => HResult == WriteFailure.BrokenPipe;
}
