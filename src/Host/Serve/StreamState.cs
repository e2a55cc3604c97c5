using GenreStream.Host.Live;
using GenreStream.Streaming.Sources;

namespace GenreStream.Host.Serve;

/// <summary>
/// What <see cref="LiveHub"/> keeps for one stream: its source, the token that restarts its run, its latest events,
/// its failures and its last half hour. Guarded by the hub's lock; the history is thread-safe on its own.
/// </summary>
internal sealed class StreamState(ServedStream stream, TimeProvider time)
{
    /// <summary>The stream's name (<c>"stream"</c> in its events).</summary>
    public string Name { get; } = stream.Name;

    /// <summary>Whether the user named the stream (its MQTT topics and OSC addresses carry the name).</summary>
    public bool Named { get; } = stream.Named;

    /// <summary>What it listens to now.</summary>
    public SourceSpec Source { get; set; } = stream.Source;

    /// <summary>Cancelled when this stream's run must start again (a new source, new tracking, pause or resume).</summary>
    public CancellationTokenSource Switch { get; set; } = new();

    /// <summary>The latest genre step.</summary>
    public GenreUpdate? Latest { get; set; }

    /// <summary>The latest genre step as published (primes a new client).</summary>
    public PublishedEvent? LatestJson { get; set; }

    /// <summary>The source's latest state.</summary>
    public SourceChanged? SourceState { get; set; }

    /// <summary>Failed attempts to open or run the current source since it was chosen.</summary>
    public int Failures { get; set; }

    /// <summary>Events published for this stream.</summary>
    public long Events { get; set; }

    /// <summary>The last half hour of genre steps and changes (<c>/api/history?stream=</c>).</summary>
    public GenreHistory History { get; } = new(time, GenreHistory.DefaultSpan);

    /// <summary>Forgets what the previous source said (a new source says nothing about it yet).</summary>
    public void Forget()
    {
        Latest = null;
        LatestJson = null;
        SourceState = null;
        Failures = 0;
    }
}
