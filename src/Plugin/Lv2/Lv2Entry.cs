using System.Runtime.InteropServices;
using GenreStream.Model.Softmax;
using GenreStream.Streaming.Resampling;

namespace GenreStream.Plugin.Lv2;

/// <summary>
/// The library's LV2 entry point, <c>lv2_descriptor</c>, and the functions its descriptors point to.
/// No managed exception leaves any of them: a host cannot catch one.
/// </summary>
internal static unsafe class Lv2Entry
{
    /// <summary>URI of the mono plugin (index 0).</summary>
    public const string MonoUri = "urn:genre-stream:lv2:genre";

    /// <summary>URI of the stereo plugin (index 1).</summary>
    public const string StereoUri = "urn:genre-stream:lv2:genre-stereo";

    private static readonly Lv2Descriptor* Descriptors = CreateDescriptors();

    /// <summary>The descriptor of plugin <paramref name="index"/>, or NULL past the last (how a host enumerates them).</summary>
    [UnmanagedCallersOnly(EntryPoint = "lv2_descriptor")]
    public static Lv2Descriptor* Descriptor(uint index) => index < 2 ? Descriptors + index : null;

    private static Lv2Descriptor* CreateDescriptors()
    {
        var descriptors = (Lv2Descriptor*)NativeMemory.AllocZeroed(2, (nuint)sizeof(Lv2Descriptor));
        descriptors[0] = Create(MonoUri);
        descriptors[1] = Create(StereoUri);
        return descriptors;
    }

    private static Lv2Descriptor Create(string uri) => new()
    {
        Uri = NativeStrings.Allocate(uri),
        Instantiate = &Instantiate,
        ConnectPort = &ConnectPort,
        Activate = &Activate,
        Run = &Run,
        Deactivate = &Ignore,
        Cleanup = &Cleanup,
        ExtensionData = &ExtensionData,
    };

    [UnmanagedCallersOnly]
    private static nint Instantiate(Lv2Descriptor* descriptor, double sampleRate, byte* bundlePath, void* features)
    {
        try
        {
            var rate = Math.Round(sampleRate);
            if (!(rate >= 1 && rate <= Resampler.MaxRate))
            {
                return 0;
            }

            var channels = descriptor == Descriptors + 1 ? 2 : 1;
            var plugin = new GenrePlugin(BundledModel.Model, (int)rate, channels);
            return GCHandle<GenrePlugin>.ToIntPtr(new GCHandle<GenrePlugin>(plugin));
        }
        catch (Exception)
        {
            // LV2 has no error channel: NULL tells the host the instance could not be made.
            return 0;
        }
    }

    [UnmanagedCallersOnly]
    private static void ConnectPort(nint instance, uint port, void* data)
    {
        try
        {
            GCHandle<GenrePlugin>.FromIntPtr(instance).Target.Connect(port, (float*)data);
        }
        catch (Exception)
        {
            // Only a handle this library never made gets here; there is nothing to connect.
        }
    }

    [UnmanagedCallersOnly]
    private static void Run(nint instance, uint frames)
    {
        try
        {
            GCHandle<GenrePlugin>.FromIntPtr(instance).Target.Run((int)Math.Min(frames, int.MaxValue));
        }
        catch (Exception)
        {
            // GenrePlugin.Run catches its own failures; this guards the boundary all the same.
        }
    }

    [UnmanagedCallersOnly]
    private static void Cleanup(nint instance) => GCHandle<GenrePlugin>.FromIntPtr(instance).Dispose();

    [UnmanagedCallersOnly]
    private static void Activate(nint instance)
    {
        try
        {
            GCHandle<GenrePlugin>.FromIntPtr(instance).Target.Activate();
        }
        catch (Exception)
        {
            // As in Run: only a foreign handle gets here.
        }
    }

    [UnmanagedCallersOnly]
    private static void Ignore(nint instance)
    {
    }

    [UnmanagedCallersOnly]
    private static void* ExtensionData(byte* uri) => null;
}
