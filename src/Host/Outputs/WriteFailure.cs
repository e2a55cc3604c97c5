namespace GenreStream.Host.Outputs;

/// <summary>What a failed write to an output (standard output, a file, a pipe) says, as the system put it.</summary>
internal static class WriteFailure
{
    /// <summary>EPIPE: the reader of a pipe went away.</summary>
    public const int BrokenPipe = 32;

    /// <summary>Whether <paramref name="e"/> is a write or open that the system refused.</summary>
    /// <remarks>.NET reports a closed descriptor (EBADF) or a read-only file (EACCES) as access denied.</remarks>
    public static bool Is(Exception e) => e is IOException or UnauthorizedAccessException;

    /// <summary>The system's reason on one line (e.g. "No space left on device", "Bad file descriptor").</summary>
    /// <remarks>.NET appends the path (<c>No space left on device : '/x'</c>); the caller names the output its own way.</remarks>
    public static string Reason(Exception e)
    {
        var message = Inner(e).Message.ReplaceLineEndings(" ");
        var path = message.IndexOf(" : '", StringComparison.Ordinal);
        return path > 0 && message.EndsWith('\'') ? message[..path] : message;
    }

    /// <summary>The errno of a failed write: on Unix an <see cref="IOException"/> carries it as its HResult.</summary>
    public static int Errno(Exception e) => Inner(e).HResult;

    private static Exception Inner(Exception e) => e is UnauthorizedAccessException { InnerException: IOException inner } ? inner : e;
}
