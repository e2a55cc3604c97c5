namespace GenreStream.Streaming.Tracking;

/// <summary>What a classification step heard: the published <c>"status"</c> of every result and event.</summary>
public enum TrackStatus
{
    /// <summary>Music like the model's training music: the genre is meaningful.</summary>
    Music,

    /// <summary>Audio that is not one of the model's genres, or not music (speech, tones, noise, animals).</summary>
    Unknown,

    /// <summary>Below the silence threshold.</summary>
    Silence,
}

/// <summary>The names of <see cref="TrackStatus"/> as published (<c>music</c>, <c>unknown</c>, <c>silence</c>).</summary>
public static class TrackStatusNames
{
    /// <summary>The lower-case name published in JSON, MQTT and OSC.</summary>
    public static string Name(this TrackStatus status) => status switch
    {
        TrackStatus.Unknown => "unknown",
        TrackStatus.Silence => "silence",
        _ => "music",
    };
}
