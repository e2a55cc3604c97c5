using System.Buffers;
using System.Text;
using System.Text.Json;
using GenreStream.Host.Live;

namespace GenreStream.Host.Listen;

/// <summary>One line per event, flushed at once: JSON (<see cref="LiveEventJson"/>) or text (<see cref="LiveEventText"/>).</summary>
/// <remarks>JSON lines are written through reused buffers, so a long run allocates next to nothing per event.</remarks>
internal sealed class LineSink(TextWriter output, bool json) : IListenSink
{
    private readonly Lock _gate = new();
    private readonly ArrayBufferWriter<byte> _bytes = new(4096);
    private readonly Utf8JsonWriter _writer = new(Stream.Null, LiveEventJson.WriterOptions);
    private char[] _chars = new char[4096];

    public double LastTime { get; private set; }

    public void Write(LiveEvent e)
    {
        lock (_gate)
        {
            LastTime = Math.Max(LastTime, e.Time);
            if (json)
            {
                LiveEventJson.Write(_bytes, _writer, e);
                var count = Encoding.UTF8.GetMaxCharCount(_bytes.WrittenCount);
                if (_chars.Length < count)
                {
                    _chars = new char[count];
                }

                var length = Encoding.UTF8.GetChars(_bytes.WrittenSpan, _chars);
                output.Write(_chars, 0, length);
                output.WriteLine();
            }
            else
            {
                output.WriteLine(LiveEventText.ToLine(e));
            }

            output.Flush();
        }
    }

    public void Finish()
    {
    }

    public void Dispose() => _writer.Dispose();
}
