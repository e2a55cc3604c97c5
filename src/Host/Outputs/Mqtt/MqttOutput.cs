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
/// Genre events to an MQTT broker (MQTTnet): retained <c>&lt;prefix&gt;/state</c> (JSON), <c>&lt;prefix&gt;/genre</c>
/// (plain text) and <c>&lt;prefix&gt;/availability</c> (<c>online</c>/<c>offline</c>, with a last will), plus Home
/// Assistant discovery so a genre sensor and a confidence sensor appear by themselves. When the broker goes
/// away, what cannot be sent is counted and the connection is retried with backoff; on reconnecting the
/// discovery, availability and retained state are published again. A broker that refuses the credentials
/// is reported once and not retried.
/// </summary>
internal sealed class MqttOutput : EventOutput
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(0.5), LongestBackoff = TimeSpan.FromSeconds(30);
    private readonly MqttTarget _target;
    private readonly IMqttClient _client;
    private readonly TimeProvider _time;
    private TimeSpan _backoff = FirstBackoff;
    private long _nextAttempt;
    private bool _refused;
    private bool _wasConnected;
    private string? _state;
    private string? _genre;
    private string? _source;
    private bool _silent;

    public MqttOutput(MqttTarget target, TimeProvider? time = null)
        : base(target.Display + "/" + target.Prefix)
    {
        _target = target;
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
            switch (e)
            {
                case GenreUpdate:
                    Publish(Topic("state"), _state!, retain: true, cancel);
                    break;
                case GenreChanged:
                    Publish(Topic("genre"), _genre!, retain: true, cancel);
                    break;
                case SilenceChanged or SourceChanged when _state is not null:
                    Publish(Topic("state"), _state, retain: true, cancel);
                    break;
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

    /// <summary>Keeps what the retained topics should say, so it can be refreshed after a reconnect.</summary>
    private void Remember(LiveEvent e)
    {
        switch (e)
        {
            case GenreUpdate g:
                _silent = g.Silent;
                _state = StateJson(g);
                break;
            case GenreChanged c:
                _genre = c.To;
                break;
            case SourceChanged s:
                _source = s.State.Name();
                break;
        }
    }

    private string StateJson(GenreUpdate g)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("genre", g.Current ?? g.Genre);
            writer.WriteNumber("confidence", Math.Round(g.Current is null ? g.Confidence : g.CurrentConfidence, 4));
            writer.WriteBoolean("silent", _silent);
            writer.WriteString("status", g.Status.Name());
            writer.WriteNumber("level", Math.Round(g.Level, 1));
            writer.WriteNumber("time", Math.Round(g.Time, 3));
            writer.WriteString("source", _source);
            writer.WriteStartObject("smoothed");
            for (var k = 0; k < g.Labels.Count; k++)
            {
                writer.WriteNumber(g.Labels[k], Math.Round(g.Smoothed[k], 4));
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

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
            // Refresh what a broker that restarted (or a new subscriber) needs: discovery, availability, the retained state.
            PublishDiscovery(cancel);
            Publish(Topic("availability"), "online", retain: true, cancel);
            if (_state is not null)
            {
                Publish(Topic("state"), _state, retain: true, cancel);
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
        var node = _target.NodeId;
        var device = new Dictionary<string, object>
        {
            ["identifiers"] = new[] { node },
            ["name"] = "genre stream",
            ["model"] = "genre",
            ["manufacturer"] = "genre stream",
        };
        var sensors = new (string Key, Dictionary<string, object> Config)[]
        {
            ("genre", new Dictionary<string, object>
            {
                ["name"] = "Genre",
                ["value_template"] = "{{ value_json.genre }}",
                ["icon"] = "mdi:music",
            }),
            ("confidence", new Dictionary<string, object>
            {
                ["name"] = "Genre confidence",
                ["value_template"] = "{{ (value_json.confidence * 100) | round(0) }}",
                ["unit_of_measurement"] = "%",
                ["state_class"] = "measurement",
                ["icon"] = "mdi:percent",
            }),
        };
        foreach (var (key, config) in sensors)
        {
            config["unique_id"] = $"{node}_{key}";
            config["object_id"] = $"{node}_{key}";
            config["state_topic"] = Topic("state");
            config["availability_topic"] = Topic("availability");
            config["device"] = device;
            Publish($"{_target.DiscoveryPrefix}/sensor/{node}/{key}/config", JsonSerializer.Serialize(config), retain: true, cancel);
        }
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
