namespace GenreStream.Host.Cli;

/// <summary>Process exit codes: scripts rely on these numbers.</summary>
internal static class ExitCodes
{
    /// <summary>Everything succeeded.</summary>
    public const int Success = 0;

    /// <summary>The model or the settings could not be loaded; nothing was processed.</summary>
    public const int SetupFailed = 1;

    /// <summary>The command line was wrong (unknown option, missing argument, bad value).</summary>
    public const int Usage = 2;

    /// <summary>At least one input could not be read; the others were processed.</summary>
    public const int InputFailed = 3;

    /// <summary>Live capture was asked for but no PulseAudio/PipeWire server could be reached.</summary>
    public const int NoAudioServer = 4;

    /// <summary>An output (standard output, a JSON lines file, a pipe) could not be written: a full disk, a closed descriptor, a read-only file.</summary>
    public const int OutputFailed = 5;

    /// <summary><c>genre serve</c> could not listen on its address and port (in use, or not an address of this machine).</summary>
    public const int CannotListen = 6;

    /// <summary>Interrupted (Ctrl+C): 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;

    /// <summary>
    /// The reader of standard output went away (EPIPE, e.g. <c>genre listen | head -1</c>): a quiet end, with the
    /// code a shell reports for a filter ended by SIGPIPE (128 + 13), as <c>cat</c> or <c>yes</c> would give.
    /// </summary>
    public const int BrokenPipe = 141;
}
