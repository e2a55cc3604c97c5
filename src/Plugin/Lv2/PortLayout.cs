namespace GenreStream.Plugin.Lv2;

/// <summary>
/// Port indices, as declared in <c>genre.lv2/genre.ttl</c>: the controls first, the same for the mono
/// and the stereo plugin (so the .ttl describes them once), then the audio inputs and outputs, one per channel.
/// </summary>
internal static class PortLayout
{
    /// <summary>Genres the ports and the .ttl describe; the model must have exactly these many labels.</summary>
    public const int Genres = 10;

    public const int Smoothing = 0;
    public const int SilenceThreshold = 1;
    public const int FirstProbability = 2;
    public const int Genre = FirstProbability + Genres;
    public const int Confidence = Genre + 1;
    public const int Level = Confidence + 1;
    public const int ControlCount = Level + 1;

    /// <summary>Default of the smoothing control, in seconds (as the command line's default).</summary>
    public const float DefaultSmoothingSeconds = 4;

    /// <summary>Largest smoothing the control accepts, in seconds.</summary>
    public const float MaxSmoothingSeconds = 60;

    /// <summary>Default silence threshold in dBFS: well below music, above a quiet room's hiss.</summary>
    public const float DefaultSilenceThreshold = -60;

    /// <summary>Lowest silence threshold in dBFS; below the level of digital silence, so nothing counts as silent.</summary>
    public const float MinSilenceThreshold = -120;

    /// <summary>The audio input of <paramref name="channel"/>.</summary>
    public static int AudioInput(int channel) => ControlCount + channel;

    /// <summary>The audio output of <paramref name="channel"/> in a plugin with <paramref name="channels"/> channels.</summary>
    public static int AudioOutput(int channel, int channels) => ControlCount + channels + channel;

    /// <summary>All ports of a plugin with <paramref name="channels"/> channels.</summary>
    public static int PortCount(int channels) => ControlCount + (2 * channels);
}
