using System.Runtime.InteropServices;
using System.Text;

namespace GenreStream.Plugin;

/// <summary>NUL-terminated UTF-8 strings in native memory, for C callers.</summary>
internal static unsafe class NativeStrings
{
    /// <summary>Copies <paramref name="text"/> to native memory; the caller frees it with <see cref="Free"/>.</summary>
    public static byte* Allocate(string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var bytes = (byte*)NativeMemory.Alloc((nuint)length + 1);
        Encoding.UTF8.GetBytes(text, new Span<byte>(bytes, length));
        bytes[length] = 0;
        return bytes;
    }

    public static void Free(byte* text) => NativeMemory.Free(text);

    /// <summary>The string at <paramref name="text"/>, or null for a NULL pointer.</summary>
    public static string? Read(byte* text) => text is null ? null : Marshal.PtrToStringUTF8((nint)text);
}
