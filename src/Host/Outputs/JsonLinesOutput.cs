using System.Text;
using GenreStream.Host.Live;

namespace GenreStream.Host.Outputs;

/// <summary>
/// Events as JSON lines (<see cref="LiveEventJson"/>) to standard output, a file, or a named pipe.
/// A file is appended to and rotated by size (<c>path</c> → <c>path.1</c> → … → <c>path.N</c>). A pipe
/// whose reader goes away is reopened, which waits, on this output's own thread, for the next reader;
/// what comes meanwhile waits in the queue and the oldest is dropped and counted. A file (or standard output)
/// that cannot be written (a full disk, a read-only file, a closed descriptor) is no reader that went away:
/// the output gives up at once (<see cref="UnwritableOutputException"/>), cutting off any part of a line it wrote.
/// </summary>
internal sealed class JsonLinesOutput : EventOutput
{
    /// <summary>Default size at which a file is rotated.</summary>
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    /// <summary>Rotated files kept (<c>path.1</c> … <c>path.3</c>).</summary>
    public const int KeptFiles = 3;

    private readonly string? _path;
    private readonly long _maxBytes;
    private readonly Func<Stream>? _standardOutput;
    private Stream? _stream;

    /// <param name="path">A file or named pipe, or <c>-</c> for standard output.</param>
    /// <param name="standardOutput">Opens standard output (for <c>-</c>).</param>
    /// <param name="maxBytes">Size at which a regular file is rotated.</param>
    public JsonLinesOutput(string path, Func<Stream> standardOutput, long maxBytes = DefaultMaxBytes)
        : base(path == "-" ? "jsonl:stdout" : $"jsonl:{path}")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1024);
        _path = path == "-" ? null : Path.GetFullPath(path);
        _standardOutput = standardOutput;
        _maxBytes = maxBytes;
    }

    protected override bool Send(LiveEvent e, CancellationToken cancel)
    {
        // The line and its end in one write, so that a reader never sees half of it.
        var line = Encoding.UTF8.GetBytes(LiveEventJson.ToJson(e) + "\n");
        for (var attempt = 0; attempt < 2; attempt++)
        {
            Stream? stream = null;
            var before = -1L;
            try
            {
                stream = _stream ??= OpenStream();
                if (stream.CanSeek && stream.Length + line.Length > _maxBytes && stream.Length > 0)
                {
                    Rotate();
                    stream = _stream = OpenStream();
                }

                before = stream.CanSeek ? stream.Length : -1;
                stream.Write(line);
                stream.Flush();
                return true;
            }
            catch (Exception ex) when (WriteFailure.Is(ex) && !cancel.IsCancellationRequested)
            {
                if (stream is null || stream.CanSeek || _path is null)
                {
                    // Not a pipe whose reader left: the file, device or standard output refuses the bytes.
                    CutTo(stream, before);
                    Reset();
                    throw new UnwritableOutputException(WriteFailure.Reason(ex));
                }

                // The reader of a pipe went away (EPIPE): open it again, which waits for the next one, and retry once.
                Reset();
                Report?.Invoke($"{Name}: the reader went away; waiting for the next one");
            }
        }

        return false;
    }

    protected override void Close() => Reset();

    private Stream OpenStream()
    {
        if (_path is null)
        {
            return _standardOutput!();
        }

        // Opening a named pipe for writing waits for a reader: this output's own thread waits, nobody else.
        var stream = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
        if (stream.CanSeek)
        {
            stream.Seek(0, SeekOrigin.End);
        }

        return stream;
    }

    /// <summary>Takes a file back to its length before a failed write, so no cut-off line is left in it.</summary>
    private static void CutTo(Stream? stream, long length)
    {
        try
        {
            if (stream is { CanSeek: true } && length >= 0 && stream.Length > length)
            {
                stream.SetLength(length);
            }
        }
        catch (Exception e) when (WriteFailure.Is(e))
        {
            // Nothing more to save.
        }
    }

    private void Rotate()
    {
        Reset();
        for (var i = KeptFiles - 1; i >= 1; i--)
        {
            var from = $"{_path}.{i}";
            if (File.Exists(from))
            {
                File.Move(from, $"{_path}.{i + 1}", overwrite: true);
            }
        }

        File.Move(_path!, $"{_path}.1", overwrite: true);
    }

    private void Reset()
    {
        try
        {
            _stream?.Dispose();
        }
        catch (Exception e) when (WriteFailure.Is(e))
        {
            // Flushing into a broken pipe or a full disk: nothing to save.
        }

        _stream = null;
    }
}
