namespace GenreStream.Streaming.Sources;

/// <summary>Where a source is in its life: the published <c>"state"</c> of every source event.</summary>
public enum SourceState
{
    /// <summary>Not started yet (shown before a source's first event; never published as an event).</summary>
    Waiting,

    /// <summary>Delivering audio.</summary>
    Started,

    /// <summary>The device or server went away, or the source could not be opened; it may come back.</summary>
    Lost,

    /// <summary>Delivering audio again after being lost.</summary>
    Recovered,

    /// <summary>No more audio: the input ended, the duration was reached, the run was interrupted or failed.</summary>
    Ended,
}

/// <summary>The names of <see cref="SourceState"/> as published (<c>waiting</c>, <c>started</c>, <c>lost</c>, <c>recovered</c>, <c>ended</c>).</summary>
public static class SourceStateNames
{
    /// <summary>The lower-case name published in JSON, MQTT, logs and the live view.</summary>
    public static string Name(this SourceState state) => state switch
    {
        SourceState.Waiting => "waiting",
        SourceState.Started => "started",
        SourceState.Lost => "lost",
        SourceState.Recovered => "recovered",
        _ => "ended",
    };
}
