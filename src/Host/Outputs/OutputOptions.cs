namespace GenreStream.Host.Outputs;

/// <summary>Where events go besides the screen: OSC receivers, MQTT brokers and JSON-lines files or pipes (each list may be empty).</summary>
/// <param name="Osc">Receivers as <c>host:port</c>.</param>
/// <param name="OscPrefix">OSC address prefix (<c>/genre</c>).</param>
/// <param name="OscBundle">Send each step's OSC messages as one bundle.</param>
/// <param name="Mqtt">Brokers as <c>mqtt://[user@]host[:port]</c> or <c>mqtts://…</c>.</param>
/// <param name="MqttPrefix">Topic prefix (<c>genre</c>).</param>
/// <param name="MqttQos">Quality of service, 0 to 2.</param>
/// <param name="MqttTls">Use TLS for every broker.</param>
/// <param name="JsonLines">Files or named pipes, or <c>-</c> for standard output.</param>
/// <param name="JsonLinesMaxBytes">Size at which a JSON-lines file is rotated.</param>
/// <param name="MqttNodeId">This installation's id in Home Assistant (<c>Mqtt:NodeId</c>), or null for the default derived from the machine.</param>
/// <param name="MqttAttributesSeconds">Least seconds between two publications of the MQTT attributes (<c>Mqtt:AttributesSeconds</c>).</param>
/// <param name="MqttSupportUrl">Home Assistant's <c>origin.support_url</c> (<c>Mqtt:SupportUrl</c>), or null.</param>
/// <param name="MqttConfigurationUrl">The live page's URL when <c>genre serve</c> runs (the device's <c>configuration_url</c>), or null.</param>
/// <param name="Stream">A named stream of <c>genre serve</c> these outputs serve alone: its name is added to the OSC prefix
/// (<c>/genre/kitchen/…</c>), the MQTT topic prefix (<c>genre/kitchen/…</c>) and the Home Assistant node id (a device per stream); null for one unnamed source.</param>
internal sealed record OutputOptions(
    IReadOnlyList<string> Osc,
    string OscPrefix,
    bool OscBundle,
    IReadOnlyList<string> Mqtt,
    string MqttPrefix,
    int MqttQos,
    bool MqttTls,
    IReadOnlyList<string> JsonLines,
    long JsonLinesMaxBytes,
    string? MqttNodeId = null,
    double MqttAttributesSeconds = Mqtt.MqttTarget.DefaultAttributesSeconds,
    string? MqttSupportUrl = null,
    string? MqttConfigurationUrl = null,
    string? Stream = null)
{
    /// <summary>The stream's name as an address part: <c>-</c> as <c>_</c>.</summary>
    public string? StreamKey => Stream?.Replace('-', '_');

    public static OutputOptions None { get; } = new([], "/genre", false, [], "genre", 1, false, [], JsonLinesOutput.DefaultMaxBytes);

    public bool IsEmpty => Osc.Count == 0 && Mqtt.Count == 0 && JsonLines.Count == 0;
}
