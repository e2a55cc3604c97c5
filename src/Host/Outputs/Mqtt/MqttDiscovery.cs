using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GenreStream.Host.Outputs.Mqtt;

/// <summary>
/// Home Assistant MQTT discovery (retained <c>&lt;discovery prefix&gt;/&lt;component&gt;/&lt;node id&gt;/&lt;key&gt;/config</c>):
/// one device with a genre sensor (<c>device_class: enum</c>, the probabilities as attributes), a music binary sensor, a
/// level sensor (dB) and a confidence sensor (diagnostic). Entity ids come from <c>default_entity_id</c> (Home Assistant
/// 2025.10 replaced <c>object_id</c> with it and 2026.4 dropped <c>object_id</c>); every <c>unique_id</c> and the device
/// identifier carry the installation's node id.
/// </summary>
internal static class MqttDiscovery
{
    /// <summary>The genre sensor's states besides the genres themselves.</summary>
    public static readonly string[] ExtraStates = ["unknown", "silence"];

    /// <summary>The program's version as published (<c>sw_version</c>): the informational version without build metadata.</summary>
    public static string Version { get; } =
        (typeof(MqttDiscovery).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0").Split('+')[0];

    /// <summary>Every discovery message for <paramref name="target"/>, as (topic, JSON payload).</summary>
    /// <param name="target">The broker, prefixes, node id and URLs.</param>
    /// <param name="genres">The model's genres: with <see cref="ExtraStates"/>, the genre sensor's <c>options</c>.</param>
    public static IReadOnlyList<(string Topic, string Payload)> Messages(MqttTarget target, IReadOnlyList<string> genres)
    {
        var node = target.NodeId;
        var state = $"{target.Prefix}/state";
        var attributes = $"{target.Prefix}/attributes";
        var entities = new (string Component, string Key, JsonObject Config)[]
        {
            ("sensor", "genre", new JsonObject
            {
                ["name"] = "Genre",
                ["icon"] = "mdi:music",
                ["state_topic"] = state,
                ["value_template"] = "{{ value_json.state }}",
                ["device_class"] = "enum",
                ["options"] = new JsonArray([.. genres.Concat(ExtraStates).Select(g => (JsonNode)JsonValue.Create(g))]),
                ["json_attributes_topic"] = attributes,
                ["json_attributes_template"] = "{{ value_json.probabilities | tojson }}",
            }),
            ("binary_sensor", "music", new JsonObject
            {
                ["name"] = "Music playing",
                ["device_class"] = "sound",
                ["state_topic"] = state,
                ["value_template"] = "{{ 'ON' if value_json.music else 'OFF' }}",
                ["payload_on"] = "ON",
                ["payload_off"] = "OFF",
            }),
            ("sensor", "level", new JsonObject
            {
                ["name"] = "Level",
                ["icon"] = "mdi:volume-high",
                ["state_topic"] = attributes,
                ["value_template"] = "{{ value_json.level }}",
                ["unit_of_measurement"] = "dB",
                ["state_class"] = "measurement",
                ["suggested_display_precision"] = 0,
            }),
            ("sensor", "confidence", new JsonObject
            {
                ["name"] = "Genre confidence",
                ["icon"] = "mdi:percent",
                ["state_topic"] = attributes,
                ["value_template"] = "{{ (value_json.confidence * 100) | round(0) }}",
                ["unit_of_measurement"] = "%",
                ["state_class"] = "measurement",
                ["entity_category"] = "diagnostic",
            }),
        };

        var messages = new List<(string, string)>(entities.Length);
        foreach (var (component, key, config) in entities)
        {
            config["unique_id"] = $"{node}_{key}";
            config["default_entity_id"] = $"{component}.{node}_{key}";
            config["availability_topic"] = $"{target.Prefix}/availability";
            config["qos"] = target.Qos;
            config["device"] = Device(target);
            config["origin"] = Origin(target);
            messages.Add(($"{target.DiscoveryPrefix}/{component}/{node}/{key}/config", config.ToJsonString(Options)));
        }

        return messages;
    }

    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonObject Device(MqttTarget target)
    {
        var device = new JsonObject
        {
            ["identifiers"] = new JsonArray(target.NodeId),
            ["name"] = target.DeviceName,
            ["model"] = "genre",
            ["manufacturer"] = "genre stream",
            ["sw_version"] = Version,
        };
        if (target.ConfigurationUrl is { } page)
        {
            device["configuration_url"] = page;
        }

        return device;
    }

    private static JsonObject Origin(MqttTarget target)
    {
        var origin = new JsonObject
        {
            ["name"] = "genre stream",
            ["sw_version"] = Version,
        };
        if (target.SupportUrl is { } support)
        {
            origin["support_url"] = support;
        }

        return origin;
    }
}
