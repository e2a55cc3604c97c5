using System.Text.Json;
using GenreStream.Host.Live;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Serve;

/// <summary>
/// The service's shared state: the latest events (for <c>/api/now</c>), the source to listen to, the
/// tracking options, and the connected clients, each with its own queue (<see cref="ClientQueue"/>).
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
    private string? _latestJson;
    private long _events;
    private long _droppedByGone;
    private int _failures;
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
        var json = LiveEventJson.ToJson(e);
        History.Record(e);
        ClientQueue[] clients;
        lock (_gate)
        {
            _events++;
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

    /// <summary>A new client's queue, primed with the latest genre event; null when <see cref="MaxClients"/> are connected.</summary>
    public ClientQueue? Connect(string kind)
    {
        lock (_gate)
        {
            if (_clients.Count >= maxClients)
            {
                return null;
            }

            var client = new ClientQueue(kind);
            if (_latestJson is not null)
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
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("source", current.ToString());
            writer.WriteString("source_state", state?.State.Name());
            writer.WriteString("source_detail", state?.Detail);
            writer.WriteNumber("dropped", Math.Round(state?.DroppedSeconds ?? 0, 3));
            writer.WriteNumber("source_failures", failures);
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
