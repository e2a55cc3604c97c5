using System.Globalization;
using System.Text;
using System.Text.Json;
using GenreStream.Host.Live;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Tracking;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace GenreStream.Host.Outputs.Mqtt;

/// <summary>
/// Genre events to an MQTT broker (MQTTnet), every topic retained: <c>&lt;prefix&gt;/state</c> (JSON: the settled genre,
/// music or not; published when it changes), <c>&lt;prefix&gt;/attributes</c> (JSON: probabilities, confidence, level;
/// at most every <see cref="MqttTarget.AttributesSeconds"/>), <c>&lt;prefix&gt;/genre</c> (plain text, on each change)
/// and <c>&lt;prefix&gt;/availability</c> (<c>online</c>/<c>offline</c>, with a last will), plus Home Assistant
/// discovery (<see cref="MqttDiscovery"/>). When the broker goes away, what cannot be sent is counted and the
/// connection is retried with backoff; on reconnecting the discovery, availability and retained topics are published
/// again. A broker that refuses the credentials is reported once and not retried.
/// </summary>
internal sealed class MqttOutput : EventOutput
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(0.5), LongestBackoff = TimeSpan.FromSeconds(30);
    private readonly MqttTarget _target;
    private readonly IMqttClient _client;
    private readonly TimeProvider _time;
    private IReadOnlyList<string> _genres;
    private TimeSpan _backoff = FirstBackoff;
    private long _nextAttempt;
    private bool _refused;
    private bool _wasConnected;
    private bool _discovered;
    private string? _stateKey;
    private string? _state;
    private bool _statePending;
    private string? _attributes;
    private long? _attributesAt;
    private string? _genre;
    private string? _source;
    private GenreUpdate? _latest;

    /// <param name="target">The broker and what to publish.</param>
    /// <param name="genres">The model's genres (the genre sensor's options); when empty, taken from the first genre event.</param>
    /// <param name="time">Paces the attributes and the reconnection backoff.</param>
    public MqttOutput(MqttTarget target, IReadOnlyList<string>? genres = null, TimeProvider? time = null)
        : base(target.Display + "/" + target.Prefix)
    {
        _target = target;
        _genres = genres ?? [];
        _time = time ?? TimeProvider.System;
        _client = new MqttClientFactory().CreateMqttClient();
    }

    private string Topic(string name) => $"{_target.Prefix}/{name}";

    private MqttQualityOfServiceLevel Qos => (MqttQualityOfServiceLevel)_target.Qos;

    protected override void Open(CancellationToken cancel) => EnsureConnected(cancel);

    protected override bool Send(LiveEvent e, CancellationToken cancel)
    {
        Remember(e);
        if (!EnsureConnected(cancel))
        {
            return false;
        }

        try
        {
            if (!_discovered && _genres.Count > 0)
            {
                PublishDiscovery(cancel);
            }

            if (_statePending && _state is not null)
            {
                Publish(Topic("state"), _state, retain: true, cancel);
                _statePending = false;
            }

            if (e is GenreUpdate && _attributes is not null && AttributesDue())
            {
                Publish(Topic("attributes"), _attributes, retain: true, cancel);
                _attributesAt = _time.GetTimestamp();
            }

            if (e is GenreChanged)
            {
                Publish(Topic("genre"), _genre!, retain: true, cancel);
            }

            return true;
        }
        catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException or OperationCanceledException && !cancel.IsCancellationRequested)
        {
            Lost(ex.Message);
            return false;
        }
    }

    protected override void Close()
    {
        if (_client.IsConnected)
        {
            try
            {
                Publish(Topic("availability"), "offline", retain: true, CancellationToken.None);
                _client.DisconnectAsync().GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException or OperationCanceledException)
            {
                // Gone already; the last will says offline.
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        _client.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>Keeps what the retained topics should say, so it can be refreshed after a reconnect; marks the state for publishing when it changed.</summary>
    private void Remember(LiveEvent e)
    {
        switch (e)
        {
            case GenreUpdate g:
                if (_genres.Count == 0)
                {
                    _genres = g.Labels;
                }

                _latest = g;
                _attributes = AttributesJson(g);
                SetState(g);
                break;
            case GenreChanged c:
                _genre = c.To;
                break;
            case SourceChanged s:
                _source = s.State.Name();
                if (_latest is not null)
                {
                    SetState(_latest);
                }

                break;
        }
    }

    /// <summary>The state JSON, remade only when what it says changes (not its time), so a recorder keeps one row per change.</summary>
    private void SetState(GenreUpdate g)
    {
        var key = $"{g.SettledState}|{g.Current}|{g.MusicPlaying}|{g.Status.Name()}|{g.Silent}|{_source}";
        if (key == _stateKey)
        {
            return;
        }

        _stateKey = key;
        _state = Json(writer =>
        {
            writer.WriteString("state", g.SettledState);
            writer.WriteString("genre", g.Current);
            writer.WriteBoolean("music", g.MusicPlaying);
            writer.WriteString("status", g.Status.Name());
            writer.WriteBoolean("silent", g.Silent);
            writer.WriteString("source", _source);
            writer.WriteNumber("time", Math.Round(g.Time, 3));
            WriteTimestamp(writer, g);
        });
        _statePending = true;
    }

    private static string AttributesJson(GenreUpdate g) => Json(writer =>
    {
        writer.WriteString("genre", g.Current);
        writer.WriteNumber("confidence", Math.Round(g.CurrentConfidence, 4));
        writer.WriteString("top", g.Genre);
        writer.WriteNumber("top_confidence", Math.Round(g.Confidence, 4));
        writer.WriteNumber("level", Math.Round(g.Level, 1));
        writer.WriteStartObject("probabilities");
        for (var k = 0; k < g.Labels.Count; k++)
        {
            writer.WriteNumber(g.Labels[k], Math.Round(g.Smoothed[k], 4));
        }

        writer.WriteEndObject();
        writer.WriteNumber("time", Math.Round(g.Time, 3));
        WriteTimestamp(writer, g);
    });

    private static void WriteTimestamp(Utf8JsonWriter writer, LiveEvent e)
    {
        if (e.Timestamp is { } stamp)
        {
            writer.WriteString("timestamp", stamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, LiveEventJson.WriterOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private bool AttributesDue() =>
        _attributesAt is not { } last || _time.GetElapsedTime(last).TotalSeconds >= _target.AttributesSeconds;

    /// <summary>Connects if not connected and the backoff allows; false while the broker is away.</summary>
    private bool EnsureConnected(CancellationToken cancel)
    {
        if (_client.IsConnected)
        {
            return true;
        }

        if (_refused || _time.GetTimestamp() < _nextAttempt)
        {
            return false;
        }

        MqttClientConnectResultCode code;
        try
        {
            code = _client.ConnectAsync(Options(), cancel).GetAwaiter().GetResult().ResultCode;
        }
        catch (MqttConnectingFailedException ex) when (IsRefusal(ex.Message))
        {
            code = MqttClientConnectResultCode.NotAuthorized;
        }
        catch (Exception ex) when (ex is MqttCommunicationException or System.Net.Sockets.SocketException or IOException or OperationCanceledException && !cancel.IsCancellationRequested)
        {
            Lost(ex.Message);
            return false;
        }

        if (code is MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized)
        {
            _refused = true;
            Report?.Invoke($"MQTT broker {_target.Display} refused the {(_target.User is null ? "anonymous connection" : $"user name or password (the password comes from {MqttTarget.PasswordVariable})")}; not retrying");
            return false;
        }

        if (code != MqttClientConnectResultCode.Success)
        {
            Lost($"the broker answered {code}");
            return false;
        }

        _backoff = FirstBackoff;
        Report?.Invoke($"MQTT broker {_target.Display} {(_wasConnected ? "is back" : "connected")}");
        _wasConnected = true;
        try
        {
            // Refresh what a broker that restarted (or a new subscriber) needs: discovery, availability, the retained topics.
            _discovered = false;
            if (_genres.Count > 0)
            {
                PublishDiscovery(cancel);
            }

            Publish(Topic("availability"), "online", retain: true, cancel);
            if (_state is not null)
            {
                Publish(Topic("state"), _state, retain: true, cancel);
                _statePending = false;
            }

            if (_attributes is not null)
            {
                Publish(Topic("attributes"), _attributes, retain: true, cancel);
                _attributesAt = _time.GetTimestamp();
            }

            if (_genre is not null)
            {
                Publish(Topic("genre"), _genre, retain: true, cancel);
            }
        }
        catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException)
        {
            Lost(ex.Message);
            return false;
        }

        return true;
    }

    private static bool IsRefusal(string message) =>
        message.Contains(nameof(MqttClientConnectResultCode.BadUserNameOrPassword), StringComparison.Ordinal) ||
        message.Contains(nameof(MqttClientConnectResultCode.NotAuthorized), StringComparison.Ordinal);

    private void Lost(string why)
    {
        if (_wasConnected && _backoff == FirstBackoff)
        {
            Report?.Invoke($"MQTT broker {_target.Display} is away ({why.ReplaceLineEndings(" ")}); retrying with backoff, counting what cannot be sent");
        }

        _nextAttempt = _time.GetTimestamp() + (long)(_backoff.TotalSeconds * _time.TimestampFrequency);
        _backoff = TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, LongestBackoff.Ticks));
    }

    private MqttClientOptions Options()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_target.Host, _target.Port)
            .WithClientId($"{_target.NodeId}_{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}")
            .WithTimeout(TimeSpan.FromSeconds(5))
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithWillTopic(Topic("availability"))
            .WithWillPayload("offline")
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(Qos);
        if (_target.User is not null)
        {
            builder = builder.WithCredentials(_target.User, _target.Password ?? "");
        }

        if (_target.Tls)
        {
            builder = builder.WithTlsOptions(o => o.UseTls());
        }

        return builder.Build();
    }

    private void PublishDiscovery(CancellationToken cancel)
    {
        foreach (var (topic, payload) in MqttDiscovery.Messages(_target, _genres))
        {
            Publish(topic, payload, retain: true, cancel);
        }

        _discovered = true;
    }

    private void Publish(string topic, string payload, bool retain, CancellationToken cancel)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(Qos)
            .Build();
        _client.PublishAsync(message, cancel).GetAwaiter().GetResult();
    }
}
