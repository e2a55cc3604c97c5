using System.Text.Json;
using GenreStream.Host.Live;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Serve;

/// <summary>
/// The service's shared state: every stream's latest events, source and failures (<see cref="StreamState"/>), the
/// tracking options, the connected clients, each with its own queue (<see cref="ClientQueue"/>) following one stream or
/// all, and a ring of the most recent events, numbered across streams, from which an SSE client that reconnects
/// resumes (<c>Last-Event-ID</c>). Members without a stream name are about the first stream (the only one of a
/// single-source service).
/// </summary>
/// <remarks>Thread-safe. Publishing writes each event's JSON once and hands it to every client without waiting for any.</remarks>
internal sealed class LiveHub : IDisposable
{
    /// <summary>Events kept for clients that resume (about 6 minutes of one stream's genre steps with their other events).</summary>
    public const int RecentCapacity = 256;

    private readonly Lock _gate = new();
    private readonly List<ClientQueue> _clients = [];
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly StreamState[] _streams;
    private readonly Dictionary<string, StreamState> _byName;
    private readonly Outputs.EventOutputs? _outputs;
    private readonly PublishedEvent?[] _recent = new PublishedEvent?[RecentCapacity];
    private readonly long _firstId;
    private TrackingOptions _tracking;
    private long _nextId;
    private long _events;
    private long _droppedByGone;
    private bool _paused;
    private bool _completed;

    /// <summary>A hub for one unnamed source (stream <see cref="ServedStream.DefaultName"/>).</summary>
    public LiveHub(SourceSpec source, TrackingOptions tracking, int maxClients, TimeProvider time, Outputs.EventOutputs? outputs = null)
        : this([new ServedStream(ServedStream.DefaultName, source, Named: false)], tracking, maxClients, time, outputs)
    {
    }

    /// <summary>A hub for <paramref name="streams"/> (validated: at least one, names unique).</summary>
    public LiveHub(IReadOnlyList<ServedStream> streams, TrackingOptions tracking, int maxClients, TimeProvider time, Outputs.EventOutputs? outputs = null)
    {
        if (streams.Count == 0)
        {
            throw new ArgumentException("at least one stream", nameof(streams));
        }

        if (ServedStream.Validate(streams) is [var problem, ..])
        {
            throw new ArgumentException(problem, nameof(streams));
        }

        _time = time;
        _started = time.GetTimestamp();
        _firstId = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        _tracking = tracking;
        MaxClients = maxClients;
        _outputs = outputs;
        _streams = [.. streams.Select(s => new StreamState(s, time))];
        _byName = _streams.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    /// <summary>Every event published, as it is published (the tray of <c>serve --tray</c> follows the first stream's); on the publisher's thread.</summary>
    public event Action<LiveEvent>? Published;

    /// <summary>The streams' names, in the order they were given.</summary>
    public IReadOnlyList<string> StreamNames => [.. _streams.Select(s => s.Name)];

    /// <summary>The first stream's name (the one the tray, notifications and systemd status follow).</summary>
    public string FirstStream => _streams[0].Name;

    /// <summary>Whether <paramref name="stream"/> names one of the streams.</summary>
    public bool HasStream(string stream) => _byName.ContainsKey(stream);

    /// <summary>Whether listening is paused (<see cref="SetPaused"/>): no source is open meanwhile.</summary>
    public bool Paused
    {
        get
        {
            lock (_gate)
            {
                return _paused;
            }
        }
    }

    /// <summary>Pauses (true) or resumes (false) listening on every stream; resuming starts each source afresh.</summary>
    public void SetPaused(bool paused)
    {
        CancellationTokenSource[] old;
        lock (_gate)
        {
            if (_paused == paused)
            {
                return;
            }

            _paused = paused;
            old = Restart(_streams);
            foreach (var s in _streams)
            {
                s.Failures = 0;
            }
        }

        Cancel(old);
    }

    /// <summary>The first stream's last half hour of genre steps and changes (<c>/api/history</c>).</summary>
    public GenreHistory History => _streams[0].History;

    /// <summary><paramref name="stream"/>'s last half hour.</summary>
    public GenreHistory HistoryOf(string stream) => Find(stream).History;

    /// <summary>The source the first stream listens to.</summary>
    public SourceSpec Source => SourceOf(FirstStream);

    /// <summary>The source <paramref name="stream"/> listens to.</summary>
    public SourceSpec SourceOf(string stream)
    {
        var state = Find(stream);
        lock (_gate)
        {
            return state.Source;
        }
    }

    /// <summary>Smoothing, hysteresis and silence in force (every stream).</summary>
    public TrackingOptions Tracking
    {
        get
        {
            lock (_gate)
            {
                return _tracking;
            }
        }
    }

    /// <summary>Most clients (SSE and WebSocket together, over every stream) served at once.</summary>
    public int MaxClients { get; }

    /// <summary>What the first stream runs now, and a token cancelled when that changes.</summary>
    public (SourceSpec Source, TrackingOptions Tracking, CancellationToken Changed) CurrentRun() => CurrentRun(FirstStream);

    /// <summary>What <paramref name="stream"/> runs now, and a token cancelled when that changes (<see cref="SwitchSource(string, SourceSpec)"/>, <see cref="ApplyTracking"/>, <see cref="SetPaused"/>).</summary>
    public (SourceSpec Source, TrackingOptions Tracking, CancellationToken Changed) CurrentRun(string stream)
    {
        var state = Find(stream);
        lock (_gate)
        {
            return (state.Source, _tracking, state.Switch.Token);
        }
    }

    /// <summary>The first stream listens to <paramref name="next"/> from now on.</summary>
    public void SwitchSource(SourceSpec next) => SwitchSource(FirstStream, next);

    /// <summary><paramref name="stream"/> listens to <paramref name="next"/> from now on.</summary>
    public void SwitchSource(string stream, SourceSpec next)
    {
        var state = Find(stream);
        CancellationTokenSource[] old;
        lock (_gate)
        {
            state.Source = next;
            state.Forget(); // the previous source's state says nothing about this one
            old = Restart([state]);
        }

        Cancel(old);
    }

    /// <summary>Runs every stream with <paramref name="next"/> from now on (a restart of the runs, not of the service). False when nothing changed.</summary>
    public bool ApplyTracking(TrackingOptions next)
    {
        CancellationTokenSource[] old;
        lock (_gate)
        {
            if (next == _tracking)
            {
                return false;
            }

            _tracking = next;
            old = Restart(_streams);
        }

        Cancel(old);
        return true;
    }

    /// <summary>Records <paramref name="e"/> (of the stream <see cref="LiveEvent.Stream"/> names; the first when null) and queues it for every client that follows that stream.</summary>
    public void Publish(LiveEvent e)
    {
        var state = e.Stream is { } name ? Find(name) : _streams[0];
        var text = LiveEventJson.ToJson(e);
        var type = LiveEventJson.Type(e);
        state.History.Record(e);
        ClientQueue[] clients;
        PublishedEvent json;
        lock (_gate)
        {
            _events++;
            state.Events++;
            json = new PublishedEvent(_firstId + _nextId++, type, text, state.Name);
            _recent[json.Id % RecentCapacity] = json;
            switch (e)
            {
                case GenreUpdate g:
                    state.Latest = g;
                    state.LatestJson = json;
                    break;
                case SourceChanged s:
                    state.SourceState = s;
                    break;
            }

            clients = [.. _clients];
        }

        foreach (var client in clients)
        {
            if (client.Wants(json))
            {
                client.Post(json);
            }
        }

        Published?.Invoke(e);
    }

    /// <summary>Failed attempts to open or run the first stream's current source since it was chosen.</summary>
    public int Failures => FailuresOf(FirstStream);

    /// <summary>Failed attempts to open or run <paramref name="stream"/>'s current source since it was chosen.</summary>
    public int FailuresOf(string stream)
    {
        var state = Find(stream);
        lock (_gate)
        {
            return state.Failures;
        }
    }

    /// <summary>Counts one more failed attempt of the first stream (shown as <c>source_failures</c>).</summary>
    public void CountFailure() => CountFailure(FirstStream);

    /// <summary>Counts one more failed attempt to open or run <paramref name="stream"/>'s source.</summary>
    public void CountFailure(string stream)
    {
        var state = Find(stream);
        lock (_gate)
        {
            state.Failures++;
        }
    }

    /// <summary>
    /// A new client's queue, following <paramref name="stream"/> (every stream when null): primed with every such event after
    /// <paramref name="lastEventId"/> when the ring still holds all of them (a client resuming), else with each followed
    /// stream's latest genre event; null when <see cref="MaxClients"/> are connected.
    /// </summary>
    public ClientQueue? Connect(string kind, long? lastEventId = null, string? stream = null)
    {
        if (stream is not null)
        {
            Find(stream);
        }

        lock (_gate)
        {
            if (_clients.Count >= MaxClients)
            {
                return null;
            }

            var client = new ClientQueue(kind, stream);
            var next = _firstId + _nextId;
            var oldest = Math.Max(_firstId, next - RecentCapacity);
            if (lastEventId is { } last && last >= oldest - 1 && last < next)
            {
                for (var id = last + 1; id < next; id++)
                {
                    if (_recent[id % RecentCapacity] is { } missed && missed.Id == id && client.Wants(missed))
                    {
                        client.Post(missed);
                    }
                }
            }
            else
            {
                foreach (var latest in _streams.Select(s => s.LatestJson).OfType<PublishedEvent>().Where(client.Wants).OrderBy(j => j.Id))
                {
                    client.Post(latest);
                }
            }

            if (_completed)
            {
                client.Complete(); // the service is stopping: this stream ends at once too
            }

            _clients.Add(client);
            return client;
        }
    }

    public void Disconnect(ClientQueue client)
    {
        lock (_gate)
        {
            if (_clients.Remove(client))
            {
                _droppedByGone += client.Dropped;
            }
        }
    }

    /// <summary>Ends every client's stream (the service is stopping).</summary>
    public void CompleteAll()
    {
        lock (_gate)
        {
            _completed = true;
            foreach (var client in _clients)
            {
                client.Complete();
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var s in _streams)
            {
                s.Switch.Dispose();
            }
        }
    }

    /// <summary>
    /// The latest state as the JSON of <c>/api/now</c>: the first stream's state at the top level (as a single-source
    /// service has always answered), the service's figures, and <c>streams</c>: every stream's state.
    /// </summary>
    public string NowJson() => Json(writer =>
    {
        var figures = Figures();
        writer.WriteStartObject();
        writer.WriteNumber("schema_version", LiveEventJson.SchemaVersion);
        WriteTimestamp(writer);
        WriteStream(writer, figures.Streams[0]);
        writer.WriteStartObject("clients");
        writer.WriteNumber("sse", figures.Sse);
        writer.WriteNumber("ws", figures.Ws);
        writer.WriteNumber("max", MaxClients);
        writer.WriteNumber("dropped_events", figures.Dropped);
        writer.WriteEndObject();
        writer.WriteNumber("events", figures.Events);
        writer.WriteStartObject("tracking");
        var options = figures.Tracking;
        writer.WriteString("smoothing_method", options.Smoothing.Method == Streaming.Smoothing.SmoothingMethod.Exponential ? "exponential" : "moving-average");
        writer.WriteNumber("smoothing_seconds", options.Smoothing.TimeConstant.TotalSeconds);
        writer.WriteNumber("smoothing_windows", options.Smoothing.Windows);
        writer.WriteNumber("margin", options.Margin);
        writer.WriteNumber("hold_seconds", options.Hold.TotalSeconds);
        writer.WriteNumber("silence_threshold", options.SilenceThresholdDecibels);
        writer.WriteEndObject();
        writer.WritePropertyName("outputs");
        (_outputs ?? Outputs.EventOutputs.None).WriteFigures(writer);
        writer.WriteNumber("uptime", Math.Round(_time.GetElapsedTime(_started).TotalSeconds, 1));
        WriteStreams(writer, figures.Streams);
        writer.WriteEndObject();
    });

    /// <summary><c>/api/streams</c>: <c>{"schema_version","timestamp","streams":[…]}</c>, each stream as in <see cref="StreamJson"/>.</summary>
    public string StreamsJson() => Json(writer =>
    {
        var figures = Figures();
        writer.WriteStartObject();
        writer.WriteNumber("schema_version", LiveEventJson.SchemaVersion);
        WriteTimestamp(writer);
        WriteStreams(writer, figures.Streams);
        writer.WriteEndObject();
    });

    /// <summary>
    /// <c>/api/streams/{name}</c>: one stream's state, <c>{"schema_version","timestamp","stream","source","source_state","source_detail",
    /// "dropped","source_failures","paused","latest","current","current_confidence","silent","events"}</c>; null for an unknown name.
    /// </summary>
    public string? StreamJson(string stream) => HasStream(stream)
        ? Json(writer =>
        {
            var figures = Figures();
            writer.WriteStartObject();
            writer.WriteNumber("schema_version", LiveEventJson.SchemaVersion);
            WriteTimestamp(writer);
            WriteStream(writer, figures.Streams.First(s => s.Name == stream));
            writer.WriteEndObject();
        })
        : null;

    private StreamState Find(string stream) =>
        _byName.TryGetValue(stream, out var state) ? state : throw new KeyNotFoundException($"no stream named '{stream}'");

    /// <summary>New run tokens for <paramref name="streams"/>; the old ones, to cancel outside the lock. Under the lock.</summary>
    private static CancellationTokenSource[] Restart(IEnumerable<StreamState> streams)
    {
        var old = new List<CancellationTokenSource>();
        foreach (var s in streams)
        {
            old.Add(s.Switch);
            s.Switch = new CancellationTokenSource();
        }

        return [.. old];
    }

    private static void Cancel(CancellationTokenSource[] old)
    {
        foreach (var o in old)
        {
            o.Cancel();
            o.Dispose();
        }
    }

    private HubFigures Figures()
    {
        lock (_gate)
        {
            var sse = _clients.Count(c => c.Kind == "sse");
            return new HubFigures(
                [.. _streams.Select(s => new StreamFigures(s.Name, s.Source, s.SourceState, s.Latest, s.Failures, s.Events, _paused, _clients.Count(c => c.Stream is null || c.Stream == s.Name)))],
                sse,
                _clients.Count - sse,
                _droppedByGone + _clients.Sum(c => c.Dropped),
                _events,
                _tracking);
        }
    }

    private void WriteTimestamp(Utf8JsonWriter writer) =>
        writer.WriteString("timestamp", _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));

    private static void WriteStreams(Utf8JsonWriter writer, IReadOnlyList<StreamFigures> streams)
    {
        writer.WriteStartArray("streams");
        foreach (var s in streams)
        {
            writer.WriteStartObject();
            WriteStream(writer, s);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>One stream's fields, into the object being written.</summary>
    private static void WriteStream(Utf8JsonWriter writer, StreamFigures s)
    {
        writer.WriteString("stream", s.Name);
        writer.WriteString("source", s.Source.Shown);
        writer.WriteString("source_state", s.State?.State.Name());
        writer.WriteString("source_detail", s.State?.Detail);
        writer.WriteNumber("dropped", Math.Round(s.State?.DroppedSeconds ?? 0, 3));
        writer.WriteNumber("source_failures", s.Failures);
        writer.WriteBoolean("paused", s.Paused);
        writer.WritePropertyName("latest");
        if (s.Latest is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            LiveEventJson.Write(writer, s.Latest);
        }

        writer.WriteString("current", s.Latest?.Current);
        writer.WriteNumber("current_confidence", s.Latest?.CurrentConfidence ?? 0);
        writer.WriteBoolean("silent", s.Latest?.Silent ?? false);
        writer.WriteNumber("stream_events", s.Events);
        writer.WriteNumber("stream_clients", s.Clients);
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, LiveEventJson.WriterOptions))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private sealed record StreamFigures(string Name, SourceSpec Source, SourceChanged? State, GenreUpdate? Latest, int Failures, long Events, bool Paused, int Clients);

    private sealed record HubFigures(IReadOnlyList<StreamFigures> Streams, int Sse, int Ws, long Dropped, long Events, TrackingOptions Tracking);
}
