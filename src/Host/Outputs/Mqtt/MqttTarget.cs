using System.Globalization;

namespace GenreStream.Host.Outputs.Mqtt;

/// <summary>Where and how to publish: <c>mqtt://[user@]host[:port]</c> or <c>mqtts://…</c> (TLS); the password comes from the environment, never the URL.</summary>
/// <param name="Host">Broker host.</param>
/// <param name="Port">Broker port (1883, or 8883 with TLS, by default).</param>
/// <param name="User">User name, or null for anonymous.</param>
/// <param name="Password">From <c>GENRE_MQTT_PASSWORD</c>; never logged or shown.</param>
/// <param name="Tls">Whether to use TLS.</param>
/// <param name="Prefix">Topic prefix (<c>genre</c>): <c>&lt;prefix&gt;/state</c>, <c>/genre</c>, <c>/availability</c>.</param>
/// <param name="Qos">Quality of service, 0 to 2.</param>
/// <param name="DiscoveryPrefix">Home Assistant's discovery prefix (<c>homeassistant</c>).</param>
internal sealed record MqttTarget(string Host, int Port, string? User, string? Password, bool Tls, string Prefix = "genre", int Qos = 1, string DiscoveryPrefix = "homeassistant")
{
    private readonly string? _nodeId;

    /// <summary>Default seconds between two publications of <c>&lt;prefix&gt;/attributes</c>.</summary>
    public const double DefaultAttributesSeconds = 5;

    /// <summary>The environment variable the broker password is read from.</summary>
    public const string PasswordVariable = "GENRE_MQTT_PASSWORD";

    /// <summary>The broker's address for people, without the password.</summary>
    public string Display => $"{(Tls ? "mqtts" : "mqtt")}://{(User is null ? "" : User + "@")}{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>This installation's id in Home Assistant (<c>Mqtt:NodeId</c>): in every <c>unique_id</c>, entity id and the device identifier. By default derived from the machine (<see cref="MqttNodeId.Default"/>).</summary>
    public string NodeId
    {
        get => _nodeId ?? MqttNodeId.Default(Prefix);
        init => _nodeId = value;
    }

    /// <summary>The Home Assistant device's name: <c>genre stream</c>, with the stream's name for a named stream of <c>genre serve</c>.</summary>
    public string DeviceName { get; init; } = "genre stream";

    /// <summary>Least seconds between two publications of the attributes (probabilities, confidence, level): <c>Mqtt:AttributesSeconds</c>.</summary>
    public double AttributesSeconds { get; init; } = DefaultAttributesSeconds;

    /// <summary>The live page (Home Assistant's "Visit" link on the device) when <c>genre serve</c> runs, else null.</summary>
    public string? ConfigurationUrl { get; init; }

    /// <summary>Where people find help (<c>origin.support_url</c>): <c>Mqtt:SupportUrl</c>, else the live page when <c>genre serve</c> runs, else none.</summary>
    public string? SupportUrl { get; init; }

    /// <summary>Parses <paramref name="url"/>; null and a message when it is not a broker URL.</summary>
    public static MqttTarget? Parse(string url, string prefix, int qos, bool tls, string? password, out string? error)
    {
        error = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "mqtt" && uri.Scheme != "mqtts") || string.IsNullOrEmpty(uri.Host))
        {
            error = $"--mqtt '{url}' must look like mqtt://[user@]host[:port] (or mqtts:// for TLS)";
            return null;
        }

        if (uri.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            error = $"--mqtt: put the password in the environment variable {PasswordVariable}, not in the URL (where process lists and logs would show it)";
            return null;
        }

        if (string.IsNullOrWhiteSpace(prefix) || prefix.Contains('#', StringComparison.Ordinal) || prefix.Contains('+', StringComparison.Ordinal))
        {
            error = $"--mqtt-prefix '{prefix}' must be a topic without wildcards (+, #)";
            return null;
        }

        var secure = tls || uri.Scheme == "mqtts";
        var user = uri.UserInfo.Length > 0 ? Uri.UnescapeDataString(uri.UserInfo) : null;
        return new MqttTarget(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? (secure ? 8883 : 1883) : uri.Port, user, password, secure, prefix.Trim('/'), qos);
    }
}
