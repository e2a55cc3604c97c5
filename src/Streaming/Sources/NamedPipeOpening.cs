using System.Runtime.InteropServices;

namespace GenreStream.Streaming.Sources;

/// <summary>
/// Makes opening a file that may be a named pipe (FIFO) cancellable. Opening a FIFO for reading waits in
/// the kernel until a writer comes, and nothing in .NET can interrupt that wait: a reader given up on
/// would keep its thread forever. While <see cref="Open"/> runs, <see cref="Dispose"/> becomes that
/// writer for a moment (opening the pipe for writing without waiting, then closing it), so the waiting
/// open returns and its reader sees an empty input and fails. A regular file is only ever opened for reading.
/// </summary>
/// <remarks>One opening at a time; thread-safe between <see cref="Open"/> and <see cref="Dispose"/>.</remarks>
public sealed partial class NamedPipeOpening : IDisposable
{
    /// <summary>How long <see cref="Dispose"/> waits for the opening to return after each knock.</summary>
    private static readonly TimeSpan Knock = TimeSpan.FromMilliseconds(20);

    /// <summary>Knocks before <see cref="Dispose"/> leaves an opening that does not return (5 s of them).</summary>
    private const int MaxKnocks = 250;

    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim _idle = new(initialState: true);
    private string? _path;
    private bool _disposed;

    /// <summary>Runs <paramref name="open"/> on <paramref name="path"/>, which <see cref="Dispose"/> can interrupt.</summary>
    /// <exception cref="OperationCanceledException">Disposed before the opening began.</exception>
    public ISampleReader Open(string path, Func<string, ISampleReader> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _path = path;
            _idle.Reset();
        }

        try
        {
            return open(path);
        }
        finally
        {
            lock (_gate)
            {
                _path = null;
                _idle.Set();
            }
        }
    }

    /// <summary>Releases an opening waiting for a writer (if any) and refuses further ones.</summary>
    public void Dispose()
    {
        string? path;
        lock (_gate)
        {
            _disposed = true;
            path = _path;
        }

        if (path is not null && OperatingSystem.IsLinux() && IsNamedPipe(path))
        {
            // The opening thread may not have reached the kernel's wait yet: knock until it has left.
            for (var knocks = 0; knocks < MaxKnocks && !_idle.IsSet; knocks++)
            {
                var writer = OpenFile(path, WriteOnly | NonBlocking | CloseOnExec);
                if (writer >= 0)
                {
                    _ = CloseFile(writer);
                }

                _ = _idle.Wait(Knock);
            }
        }
    }

    /// <summary>Whether <paramref name="path"/> is a named pipe (it cannot seek), found without waiting for a writer.</summary>
    private static bool IsNamedPipe(string path)
    {
        var fd = OpenFile(path, ReadOnly | NonBlocking | CloseOnExec);
        if (fd < 0)
        {
            return false;
        }

        var position = Seek(fd, 0, SeekCurrent);
        var pipe = position < 0 && Marshal.GetLastPInvokeError() == NotSeekable;
        _ = CloseFile(fd);
        return pipe;
    }

    private const int ReadOnly = 0, WriteOnly = 1, NonBlocking = 0x800, CloseOnExec = 0x80000, SeekCurrent = 1, NotSeekable = 29;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int OpenFile(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int CloseFile(int fd);

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static partial long Seek(int fd, long offset, int whence);
}
