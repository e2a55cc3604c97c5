using System.CommandLine;
using GenreStream.Host.Outputs;
using GenreStream.Host.Outputs.Mqtt;

namespace GenreStream.Host.Cli;

/// <summary>
/// The options of <c>listen</c> and <c>serve</c> that send events to other programs: <c>--osc</c>, <c>--mqtt</c>,
/// <c>--jsonl</c> (each repeatable) and their settings; they add to the outputs in settings (<c>Outputs</c>).
/// </summary>
internal sealed class OutputOptionsCli
{
    private readonly Option<string[]> _osc = new("--osc")
    {
        Description = "Send OSC over UDP to host:port: /genre/current s f on each genre change; at every step /genre/<genre> f (0-1) per genre, /genre/index i (-1: unknown or silence), /genre/current s, /genre/music i (1/0), /genre/level f (0-1 for -60..0 dBFS), /genre/level_db f, /genre/probabilities f×10 and /genre/status s. Repeatable.",
        HelpName = "host:port",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string?> _oscPrefix = new("--osc-prefix") { Description = "OSC address prefix. Default: /genre, or Outputs:OscPrefix in settings.", HelpName = "/prefix" };

    private readonly Option<bool> _oscBundle = new("--osc-bundle") { Description = "Send each step's OSC messages as one bundle." };

    private readonly Option<string[]> _mqtt = new("--mqtt")
    {
        Description = $"Publish to an MQTT broker, mqtt://[user@]host:port (mqtts:// for TLS): retained <prefix>/state (JSON, on change), <prefix>/attributes (JSON, at most every Mqtt:AttributesSeconds), <prefix>/genre, <prefix>/availability (online/offline), and Home Assistant discovery (node id: Mqtt:NodeId). The password comes from ${MqttTarget.PasswordVariable}. Repeatable.",
        HelpName = "url",
    };

    private readonly Option<string?> _mqttPrefix = new("--mqtt-prefix") { Description = "MQTT topic prefix. Default: genre, or Outputs:MqttPrefix in settings.", HelpName = "prefix" };

    private readonly Option<int?> _mqttQos = new("--mqtt-qos") { Description = "MQTT quality of service: 0, 1 or 2. Default: 1.", HelpName = "0|1|2" };

    private readonly Option<bool> _mqttTls = new("--mqtt-tls") { Description = "Connect to every MQTT broker with TLS." };

    private readonly Option<string[]> _jsonl = new("--jsonl")
    {
        Description = "Append the JSON events, one per line, to a file (rotated by size) or named pipe (a reader may come and go), or - for standard output. Repeatable.",
        HelpName = "path",
    };

    private readonly Option<double?> _jsonlMaxMb = new("--jsonl-max-mb") { Description = "Rotate a --jsonl file when it reaches this many megabytes (keeping 3 old ones). Default: 10.", HelpName = "mb" };

    public OutputOptionsCli()
    {
        _mqttQos.Check(q => q is >= 0 and <= 2, "--mqtt-qos must be 0, 1 or 2");
        _jsonlMaxMb.Check(mb => mb >= 0.001 && mb <= 1_000_000, "--jsonl-max-mb must be from 0.001 to 1000000");
    }

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _osc, _oscPrefix, _oscBundle, _mqtt, _mqttPrefix, _mqttQos, _mqttTls, _jsonl, _jsonlMaxMb })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The settings' outputs plus the command line's.</summary>
    public OutputOptions Apply(ParseResult parse, OutputOptions settings) => settings with
    {
        Osc = [.. settings.Osc, .. parse.GetValue(_osc) ?? []],
        OscPrefix = parse.GetValue(_oscPrefix) ?? settings.OscPrefix,
        OscBundle = parse.GetValue(_oscBundle) || settings.OscBundle,
        Mqtt = [.. settings.Mqtt, .. parse.GetValue(_mqtt) ?? []],
        MqttPrefix = parse.GetValue(_mqttPrefix) ?? settings.MqttPrefix,
        MqttQos = parse.GetValue(_mqttQos) ?? settings.MqttQos,
        MqttTls = parse.GetValue(_mqttTls) || settings.MqttTls,
        JsonLines = [.. settings.JsonLines, .. parse.GetValue(_jsonl) ?? []],
        JsonLinesMaxBytes = parse.GetValue(_jsonlMaxMb) is { } mb ? (long)(mb * 1024 * 1024) : settings.JsonLinesMaxBytes,
    };
}
