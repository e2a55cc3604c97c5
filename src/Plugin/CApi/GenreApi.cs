using System.Runtime.InteropServices;
using GenreStream.Model.Softmax;
using GenreStream.Streaming.Realtime;
using GenreStream.Streaming.Resampling;

namespace GenreStream.Plugin.CApi;

/// <summary>
/// The C API declared in <c>include/genre.h</c>. A <c>genre_classifier*</c> is a GC handle to a
/// <see cref="NativeClassifier"/>. No managed exception leaves these functions: failures become a
/// return value and <c>genre_last_error</c>.
/// </summary>
internal static unsafe class GenreApi
{
    [UnmanagedCallersOnly(EntryPoint = "genre_create")]
    public static nint Create(double sampleRate, byte* modelPath)
    {
        try
        {
            var rate = Math.Round(sampleRate);
            if (!(rate >= 1 && rate <= Resampler.MaxRate))
            {
                LastError.Set($"sample rate {sampleRate} Hz is not supported (1 to {Resampler.MaxRate} Hz)");
                return 0;
            }

            var model = BundledModel.Open(NativeStrings.Read(modelPath));
            return GCHandle<NativeClassifier>.ToIntPtr(new GCHandle<NativeClassifier>(new NativeClassifier(model, (int)rate)));
        }
        catch (Exception e)
        {
            LastError.Set(e.Message);
            return 0;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "genre_last_error")]
    public static byte* LastErrorMessage() => LastError.Message;

    [UnmanagedCallersOnly(EntryPoint = "genre_process")]
    public static int Process(nint classifier, float* samples, nuint count)
    {
        try
        {
            if (samples is null && count > 0)
            {
                LastError.Set("genre_process: samples is NULL");
                return -1;
            }

            var target = Target(classifier);
            for (nuint at = 0; at < count;)
            {
                var take = (int)Math.Min(count - at, int.MaxValue);
                target.Classifier.Process(new ReadOnlySpan<float>(samples + at, take));
                at += (nuint)take;
            }

            return 0;
        }
        catch (Exception e)
        {
            LastError.Set("genre_process: " + e.Message);
            return -1;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "genre_count")]
    public static int Count(nint classifier) => Guard(classifier, static c => c.Classifier.Labels.Count, -1);

    [UnmanagedCallersOnly(EntryPoint = "genre_probabilities")]
    public static int Probabilities(nint classifier, float* probabilities, nuint capacity)
    {
        try
        {
            var smoothed = Target(classifier).Classifier.Smoothed;
            var n = (int)Math.Min((nuint)smoothed.Length, capacity);
            if (probabilities is not null)
            {
                smoothed[..n].CopyTo(new Span<float>(probabilities, n));
            }

            return smoothed.Length;
        }
        catch (Exception e)
        {
            LastError.Set("genre_probabilities: " + e.Message);
            return -1;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "genre_current")]
    public static int Current(nint classifier) => Guard(classifier, static c => c.Classifier.GenreIndex, -1);

    [UnmanagedCallersOnly(EntryPoint = "genre_status")]
    public static int Status(nint classifier) => Guard(classifier, static c => (int)c.Classifier.Status, -1);

    [UnmanagedCallersOnly(EntryPoint = "genre_confidence")]
    public static float Confidence(nint classifier) => Guard(classifier, static c => c.Classifier.Confidence, 0f);

    [UnmanagedCallersOnly(EntryPoint = "genre_name")]
    public static byte* Name(nint classifier, int index)
    {
        try
        {
            return Target(classifier).Name(index);
        }
        catch (Exception e)
        {
            LastError.Set("genre_name: " + e.Message);
            return null;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "genre_windows")]
    public static long Windows(nint classifier) => Guard(classifier, static c => c.Classifier.Windows, -1L);

    [UnmanagedCallersOnly(EntryPoint = "genre_set_smoothing")]
    public static int SetSmoothing(nint classifier, double seconds) =>
        Set(classifier, "genre_set_smoothing", seconds, static (c, s) => c.SmoothingSeconds = s);

    [UnmanagedCallersOnly(EntryPoint = "genre_set_hysteresis")]
    public static int SetHysteresis(nint classifier, double margin, double holdSeconds)
    {
        if (!(margin >= 0 && margin <= 1) || !(holdSeconds >= 0 && holdSeconds <= 3600))
        {
            LastError.Set($"genre_set_hysteresis: the margin ({margin}) must be from 0 to 1 and the hold ({holdSeconds} s) from 0 to 3600 s");
            return -1;
        }

        return Set(classifier, "genre_set_hysteresis", (margin, holdSeconds), static (c, h) =>
        {
            c.Margin = h.margin;
            c.HoldSeconds = h.holdSeconds;
        });
    }

    [UnmanagedCallersOnly(EntryPoint = "genre_set_silence_threshold")]
    public static int SetSilenceThreshold(nint classifier, float decibels)
    {
        if (float.IsNaN(decibels))
        {
            LastError.Set("genre_set_silence_threshold: the threshold is NaN");
            return -1;
        }

        return Set(classifier, "genre_set_silence_threshold", decibels, static (c, d) => c.SilenceThresholdDecibels = d);
    }

    [UnmanagedCallersOnly(EntryPoint = "genre_destroy")]
    public static void Destroy(nint classifier)
    {
        if (classifier == 0)
        {
            return;
        }

        try
        {
            var handle = GCHandle<NativeClassifier>.FromIntPtr(classifier);
            handle.Target.Dispose();
            handle.Dispose();
        }
        catch (Exception e)
        {
            LastError.Set("genre_destroy: " + e.Message);
        }
    }

    private static NativeClassifier Target(nint classifier) =>
        classifier != 0
            ? GCHandle<NativeClassifier>.FromIntPtr(classifier).Target
            : throw new ArgumentNullException(nameof(classifier), "the classifier is NULL");

    /// <summary>Applies a setting; a failure is the function's -1 and <c>genre_last_error</c>.</summary>
    private static int Set<T>(nint classifier, string function, T value, Action<BlockClassifier, T> apply)
    {
        try
        {
            apply(Target(classifier).Classifier, value);
            return 0;
        }
        catch (Exception e)
        {
            LastError.Set(function + ": " + e.Message);
            return -1;
        }
    }

    private static T Guard<T>(nint classifier, Func<NativeClassifier, T> read, T failed)
    {
        try
        {
            return read(Target(classifier));
        }
        catch (Exception e)
        {
            LastError.Set(e.Message);
            return failed;
        }
    }
}
