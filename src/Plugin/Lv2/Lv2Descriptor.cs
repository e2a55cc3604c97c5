using System.Runtime.InteropServices;

namespace GenreStream.Plugin.Lv2;

/// <summary>
/// <c>LV2_Descriptor</c> from lv2/core/lv2.h, field for field: the plugin's URI and the functions a
/// host calls. Lives in native memory for the life of the process.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Lv2Descriptor
{
    public byte* Uri;
    public delegate* unmanaged<Lv2Descriptor*, double, byte*, void*, nint> Instantiate;
    public delegate* unmanaged<nint, uint, void*, void> ConnectPort;
    public delegate* unmanaged<nint, void> Activate;
    public delegate* unmanaged<nint, uint, void> Run;
    public delegate* unmanaged<nint, void> Deactivate;
    public delegate* unmanaged<nint, void> Cleanup;
    public delegate* unmanaged<byte*, void*> ExtensionData;
}
