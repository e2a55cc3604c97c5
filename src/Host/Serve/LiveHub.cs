using System.Text.Json;
using GenreStream.Host.Live;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Serve;

/// <summary>
/// The service's shared state: the latest events (for <c>/api/now</c>), the source to listen to, the
/// tracking options, the connected clients, each with its own queue (<see cref="ClientQueue"/>), and a ring of
/// the most recent events, numbered, from which an SSE client that reconnects resumes (<c>Last-Event-ID</c>).
/// </summary>
/// <remarks>Thread-safe. Publishing writes each event's JSON once and hands it to every client without waiting for any.</remarks>
internal sealed class LiveHub(SourceSpec source, TrackingOptions tracking, int maxClients, TimeProvider time, Outputs.EventOutputs? outputs = null) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<ClientQueue> _clients = [];
    private readonly long _started = time.GetTimestamp();
    private CancellationTokenSource _switch = new();
    private GenreUpdate? _latest;
    private SourceChanged? _sourceState;
    private PublishedEvent? _latestJson;
    private readonly PublishedEvent?[] _recent = new PublishedEvent?[RecentCapacity];
    private readonly long _firstId = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
    private long _nextId;
    private long _events;
    private long _droppedByGone;
    private int _failures;
    private bool _paused;

    /// <summary>Every event published, as it is published (the tray of <c>serve --tray</c> follows these); on the publisher's thread.</summary>
    public event Action<LiveEvent>? Published;

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

    /// <summary>Pauses (true) or resumes (false) listening; resuming starts the current source afresh.</summary>
    public void SetPaused(bool paused)
    {
        CancellationTokenSource old;
        lock (_gate)
        {
            if (_paused == paused)
            {
                return;
            }

            _paused = paused;
            old = _switch;
            _switch = new CancellationTokenSource();
            _failures = 0;
        }

        old.Cancel();
        old.Dispose();
    }

    /// <summary>Events kept for clients that resume (about 6 minutes of genre steps with their other events).</summary>
    public const int RecentCapacity = 256;
    private bool _completed;

    /// <summary>The last half hour of genre steps and changes (<c>/api/history</c>).</summary>
    public GenreHistory History { get; } = new(time, GenreHistory.DefaultSpan);

    /// <summary>The source being listened to.</summary>
    public SourceSpec Source
    {
        get
        {
            lock (_gate)
            {
                return source;
            }
        }
    }

    /// <summary>Smoothing, hysteresis and silence in force.</summary>
    public TrackingOptions Tracking
    {
        get
        {
            lock (_gate)
            {
                return tracking;
            }
        }
    }

    /// <summary>Most clients (SSE and WebSocket together) served at once.</summary>
    public int MaxClients => maxClients;

    /// <summary>What to run now, and a token cancelled when that changes (<see cref="SwitchSource"/>, <see cref="ApplyTracking"/>).</summary>
    public (SourceSpec Source, TrackingOptions Tracking, CancellationToken Changed) CurrentRun()
    {
        lock (_gate)
        {
            return (source, tracking, _switch.Token);
        }
    }

    /// <summary>Listens to <paramref name="next"/> from now on.</summary>
    public void SwitchSource(SourceSpec next)
    {
        CancellationTokenSource old;
        lock (_gate)
        {
            source = next;
            old = _switch;
            _switch = new CancellationTokenSource();
            _latest = null;
            _latestJson = null;
            _sourceState = null; // the previous source's state says nothing about this one
            _failures = 0;
        }

        old.Cancel();
        old.Dispose();
    }

    /// <summary>Runs the pipeline with <paramref name="next"/> from now on (a restart of the run, not of the service). False when nothing changed.</summary>
    public bool ApplyTracking(TrackingOptions next)
    {
        CancellationTokenSource old;
        lock (_gate)
        {
            if (next == tracking)
            {
                return false;
            }

            tracking = next;
            old = _switch;
            _switch = new CancellationTokenSource();
        }

        old.Cancel();
        old.Dispose();
        return true;
    }

    /// <summary>Records <paramref name="e"/> and queues it for every client.</summary>
    public void Publish(LiveEvent e)
    {
        var text = LiveEventJson.ToJson(e);
        var type = LiveEventJson.Type(e);
        History.Record(e);
        ClientQueue[] clients;
        PublishedEvent json;
        lock (_gate)
        {
            _events++;
            json = new PublishedEvent(_firstId + _nextId++, type, text);
            _recent[json.Id % RecentCapacity] = json;
            switch (e)
            {
                case GenreUpdate g:
                    _latest = g;
                    _latestJson = json;
                    break;
                case SourceChanged s:
                    _sourceState = s;
                    break;
            }

            clients = [.. _clients];
        }

        foreach (var client in clients)
        {
            client.Post(json);
        }

        Published?.Invoke(e);
    }

    /// <summary>Failed attempts to open or run the current source since it was chosen.</summary>
    public int Failures
    {
        get
        {
            lock (_gate)
            {
                return _failures;
            }
        }
    }

    /// <summary>Counts one more failed attempt to open or run the current source (shown as <c>source_failures</c>).</summary>
    public void CountFailure()
    {
        lock (_gate)
        {
            _failures++;
        }
    }

    /// <summary>
    /// A new client's queue: primed with every event after <paramref name="lastEventId"/> when that event is still in the
    /// ring (a client resuming), else with the latest genre event; null when <see cref="MaxClients"/> are connected.
    /// </summary>
    public ClientQueue? Connect(string kind, long? lastEventId = null)
    {
        lock (_gate)
        {
            if (_clients.Count >= maxClients)
            {
                return null;
            }

            var client = new ClientQueue(kind);
            var next = _firstId + _nextId;
            var oldest = Math.Max(_firstId, next - RecentCapacity);
            if (lastEventId is { } last && last >= oldest - 1 && last < next)
            {
                for (var id = last + 1; id < next; id++)
                {
                    if (_recent[id % RecentCapacity] is { } missed && missed.Id == id)
                    {
                        client.Post(missed);
                    }
                }
            }
            else if (_latestJson is not null)
            {
                client.Post(_latestJson);
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
            _switch.Dispose();
        }
    }

    /// <summary>The latest state as the JSON of <c>/api/now</c>.</summary>
    public string NowJson()
    {
        GenreUpdate? latest;
        SourceChanged? state;
        int sse, ws, failures;
        bool paused;
        long dropped, events;
        SourceSpec current;
        TrackingOptions options;
        lock (_gate)
        {
            latest = _latest;
            state = _sourceState;
            sse = _clients.Count(c => c.Kind == "sse");
            ws = _clients.Count - sse;
            dropped = _droppedByGone + _clients.Sum(c => c.Dropped);
            events = _events;
            current = source;
            options = tracking;
            failures = _failures;
            paused = _paused;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, LiveEventJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schema_version", LiveEventJson.SchemaVersion);
            writer.WriteString("timestamp", time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("source", current.ToString());
            writer.WriteString("source_state", state?.State.Name());
            writer.WriteString("source_detail", state?.Detail);
            writer.WriteNumber("dropped", Math.Round(state?.DroppedSeconds ?? 0, 3));
            writer.WriteNumber("source_failures", failures);
            writer.WriteBoolean("paused", paused);
            writer.WritePropertyName("latest");
            if (latest is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                LiveEventJson.Write(writer, latest);
            }

            writer.WriteString("current", latest?.Current);
            writer.WriteNumber("current_confidence", latest?.CurrentConfidence ?? 0);
            writer.WriteBoolean("silent", latest?.Silent ?? false);
            writer.WriteStartObject("clients");
            writer.WriteNumber("sse", sse);
            writer.WriteNumber("ws", ws);
            writer.WriteNumber("max", maxClients);
            writer.WriteNumber("dropped_events", dropped);
            writer.WriteEndObject();
            writer.WriteNumber("events", events);
            writer.WriteStartObject("tracking");
            writer.WriteString("smoothing_method", options.Smoothing.Method == Streaming.Smoothing.SmoothingMethod.Exponential ? "exponential" : "moving-average");
            writer.WriteNumber("smoothing_seconds", options.Smoothing.TimeConstant.TotalSeconds);
            writer.WriteNumber("smoothing_windows", options.Smoothing.Windows);
            writer.WriteNumber("margin", options.Margin);
            writer.WriteNumber("hold_seconds", options.Hold.TotalSeconds);
            writer.WriteNumber("silence_threshold", options.SilenceThresholdDecibels);
            writer.WriteEndObject();
            writer.WritePropertyName("outputs");
            (outputs ?? Outputs.EventOutputs.None).WriteFigures(writer);
            writer.WriteNumber("uptime", Math.Round(time.GetElapsedTime(_started).TotalSeconds, 1));
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
