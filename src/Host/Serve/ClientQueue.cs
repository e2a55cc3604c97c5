using System.Threading.Channels;

namespace GenreStream.Host.Serve;

/// <summary>
/// One connected client's (SSE or WebSocket) own bounded queue of events: publishing never waits for
/// the client; when it falls behind, its oldest events are dropped and counted.
/// </summary>
internal sealed class ClientQueue
{
    /// <summary>Events a client may fall behind by before the oldest are dropped.</summary>
    public const int Capacity = 256;

    private readonly Channel<PublishedEvent> _channel;
    private long _dropped;

    /// <param name="kind">"sse" or "ws".</param>
    /// <param name="stream">The one stream this client follows, or null for every stream.</param>
    public ClientQueue(string kind, string? stream = null)
    {
        Kind = kind;
        Stream = stream;
        _channel = Channel.CreateBounded<PublishedEvent>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>"sse" or "ws".</summary>
    public string Kind { get; }

    /// <summary>The one stream this client follows, or null for every stream.</summary>
    public string? Stream { get; }

    /// <summary>Whether this client wants <paramref name="e"/>.</summary>
    public bool Wants(PublishedEvent e) => Stream is null || e.Stream == Stream;

    /// <summary>Events dropped because this client was too slow.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The client's side: events in order.</summary>
    public ChannelReader<PublishedEvent> Reader => _channel.Reader;

    /// <summary>Queues an event; never waits.</summary>
    public void Post(PublishedEvent e) => _channel.Writer.TryWrite(e);

    /// <summary>No more events (the service is stopping).</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
