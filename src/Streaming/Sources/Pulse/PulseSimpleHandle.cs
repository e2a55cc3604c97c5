using Microsoft.Win32.SafeHandles;

namespace GenreStream.Streaming.Sources.Pulse;

/// <summary>
/// Owns a <c>pa_simple*</c>. As a SafeHandle it is never freed while a <c>pa_simple_read</c> on it is
/// still running, even when disposed from another thread.
/// </summary>
internal sealed class PulseSimpleHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public PulseSimpleHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        PulseSimpleNative.Free(handle);
        return true;
    }
}
