using System.Text;
using GenreStream.Host.Live;

namespace GenreStream.Host.Outputs;

/// <summary>
/// Events as JSON lines (<see cref="LiveEventJson"/>) to standard output, a file, or a named pipe.
/// A file is appended to and rotated by size (<c>path</c> → <c>path.1</c> → … → <c>path.N</c>). A pipe
/// whose reader goes away is reopened, which waits, on this output's own thread, for the next reader;
/// what comes meanwhile waits in the queue and the oldest is dropped and counted.
/// </summary>
internal sealed class JsonLinesOutput : EventOutput
{
    /// <summary>Default size at which a file is rotated.</summary>
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    /// <summary>Rotated files kept (<c>path.1</c> … <c>path.3</c>).</summary>
    public const int KeptFiles = 3;

    private static readonly byte[] NewLine = "\n"u8.ToArray();
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
        var line = Encoding.UTF8.GetBytes(LiveEventJson.ToJson(e));
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                var stream = _stream ??= OpenStream();
                if (stream.CanSeek && stream.Length + line.Length + 1 > _maxBytes && stream.Length > 0)
                {
                    Rotate();
                    stream = _stream = OpenStream();
                }

                stream.Write(line);
                stream.Write(NewLine);
                stream.Flush();
                return true;
            }
            catch (IOException) when (!cancel.IsCancellationRequested)
            {
                // The reader of a pipe went away (EPIPE), or the file went away: open it again and retry once.
                Reset();
                Report?.Invoke($"{Name}: the reader went away; waiting for the next one");
            }
            catch (UnauthorizedAccessException ex)
            {
                Reset();
                Report?.Invoke($"{Name}: {ex.Message}");
                return false;
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
        catch (IOException)
        {
            // Flushing into a broken pipe: nothing to save.
        }

        _stream = null;
    }
}
