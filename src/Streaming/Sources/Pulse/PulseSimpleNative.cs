using System.Runtime.InteropServices;

namespace GenreStream.Streaming.Sources.Pulse;

/// <summary>
/// Source-generated bindings to PulseAudio's simple API (<c>libpulse-simple.so.0</c>), which PipeWire's
/// pipewire-pulse also serves. Only what a blocking record stream needs.
/// </summary>
internal static partial class PulseSimpleNative
{
    public const string SimpleLibrary = "libpulse-simple.so.0";
    public const string PulseLibrary = "libpulse.so.0";

    /// <summary><c>PA_SAMPLE_FLOAT32LE</c>.</summary>
    public const int SampleFloat32Le = 5;

    /// <summary><c>PA_STREAM_RECORD</c>.</summary>
    public const int StreamRecord = 2;

    /// <summary><c>(uint32_t)-1</c>: let the server choose this buffer metric.</summary>
    public const uint Default = uint.MaxValue;

    /// <summary>The most channels a PulseAudio stream can carry (<c>PA_CHANNELS_MAX</c>).</summary>
    public const int MaxChannels = 32;

    /// <summary><c>pa_sample_spec</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SampleSpec
    {
        public int Format;
        public uint Rate;
        public byte Channels;
    }

    /// <summary><c>pa_buffer_attr</c>; sizes in bytes, <see cref="Default"/> for "server's choice".</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct BufferAttr
    {
        public uint MaxLength;
        public uint TLength;
        public uint PreBuf;
        public uint MinReq;
        public uint FragSize;
    }

    [LibraryImport(SimpleLibrary, EntryPoint = "pa_simple_new", StringMarshalling = StringMarshalling.Utf8)]
    public static partial PulseSimpleHandle New(
        string? server,
        string name,
        int direction,
        string? device,
        string streamName,
        in SampleSpec sampleSpec,
        nint channelMap,
        in BufferAttr bufferAttr,
        out int error);

    [LibraryImport(SimpleLibrary, EntryPoint = "pa_simple_read")]
    public static unsafe partial int Read(PulseSimpleHandle simple, void* data, nuint bytes, out int error);

    /// <summary>For a record stream: microseconds of audio between capture and the next read, or <see cref="ulong.MaxValue"/> on error.</summary>
    [LibraryImport(SimpleLibrary, EntryPoint = "pa_simple_get_latency")]
    public static partial ulong GetLatency(PulseSimpleHandle simple, out int error);

    [LibraryImport(SimpleLibrary, EntryPoint = "pa_simple_free")]
    public static partial void Free(nint simple);

    [LibraryImport(PulseLibrary, EntryPoint = "pa_strerror")]
    private static partial nint StrError(int error);

    /// <summary>PulseAudio's text for an error code (a static string owned by the library).</summary>
    public static string ErrorText(int error)
    {
        try
        {
            return Marshal.PtrToStringUTF8(StrError(error)) ?? $"error {error}";
        }
        catch (DllNotFoundException)
        {
            return $"error {error}";
        }
    }
}
