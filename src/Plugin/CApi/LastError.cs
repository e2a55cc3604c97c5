namespace GenreStream.Plugin.CApi;

/// <summary>The per-thread message behind <c>genre_last_error</c>.</summary>
internal static unsafe class LastError
{
    [ThreadStatic]
    private static nint _message;

    public static byte* Message => (byte*)_message;

    /// <summary>Records <paramref name="message"/> (one line) for this thread, freeing the previous one.</summary>
    public static void Set(string message)
    {
        var previous = (byte*)_message;
        _message = (nint)NativeStrings.Allocate(message.ReplaceLineEndings(" "));
        if (previous is not null)
        {
            NativeStrings.Free(previous);
        }
    }
}
