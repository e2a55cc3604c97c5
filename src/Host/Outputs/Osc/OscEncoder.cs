using System.Buffers.Binary;
using System.Text;

namespace GenreStream.Host.Outputs.Osc;

/// <summary>
/// OSC 1.0 encoding: strings are ASCII/UTF-8 with a terminating NUL, padded to a multiple of 4 bytes; a
/// message is its address, its type tag string (<c>,sf…</c>) and its arguments, numbers big-endian; a bundle is
/// <c>#bundle</c>, a 64-bit NTP time tag (1 = immediately) and size-prefixed elements.
/// </summary>
internal static class OscEncoder
{
    /// <summary>The time tag meaning "immediately".</summary>
    public const ulong Immediately = 1;

    public static byte[] Encode(OscMessage message)
    {
        using var buffer = new MemoryStream();
        Write(buffer, message);
        return buffer.ToArray();
    }

    public static byte[] EncodeBundle(IEnumerable<OscMessage> messages, ulong timeTag = Immediately)
    {
        using var buffer = new MemoryStream();
        WriteString(buffer, "#bundle");
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(number, timeTag);
        buffer.Write(number);
        foreach (var message in messages)
        {
            var element = Encode(message);
            BinaryPrimitives.WriteInt32BigEndian(number, element.Length);
            buffer.Write(number[..4]);
            buffer.Write(element);
        }

        return buffer.ToArray();
    }

    private static void Write(MemoryStream buffer, OscMessage message)
    {
        if (!message.Address.StartsWith('/'))
        {
            throw new ArgumentException($"an OSC address starts with '/': {message.Address}", nameof(message));
        }

        WriteString(buffer, message.Address);
        var tags = new StringBuilder(",");
        foreach (var argument in message.Arguments)
        {
            tags.Append(argument switch
            {
                string => 's',
                float => 'f',
                int => 'i',
                _ => throw new ArgumentException($"OSC argument of type {argument?.GetType().Name ?? "null"} is not supported", nameof(message)),
            });
        }

        WriteString(buffer, tags.ToString());
        Span<byte> number = stackalloc byte[4];
        foreach (var argument in message.Arguments)
        {
            switch (argument)
            {
                case string s:
                    WriteString(buffer, s);
                    break;
                case float f:
                    BinaryPrimitives.WriteSingleBigEndian(number, f);
                    buffer.Write(number);
                    break;
                case int i:
                    BinaryPrimitives.WriteInt32BigEndian(number, i);
                    buffer.Write(number);
                    break;
            }
        }
    }

    /// <summary>The string, a NUL, and NULs up to the next multiple of 4 bytes.</summary>
    private static void WriteString(MemoryStream buffer, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        buffer.Write(bytes);
        var padding = 4 - (bytes.Length % 4);
        for (var i = 0; i < padding; i++)
        {
            buffer.WriteByte(0);
        }
    }
}
