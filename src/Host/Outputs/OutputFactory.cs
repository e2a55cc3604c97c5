using System.Globalization;
using GenreStream.Host.Outputs.Mqtt;
using GenreStream.Host.Outputs.Osc;

namespace GenreStream.Host.Outputs;

/// <summary>Turns <see cref="OutputOptions"/> into running outputs, checking every target first and listing every problem.</summary>
internal static class OutputFactory
{
    /// <summary>Every problem with <paramref name="options"/>, or none.</summary>
    public static IReadOnlyList<string> Validate(OutputOptions options)
    {
        var errors = new List<string>();
        foreach (var osc in options.Osc)
        {
            if (ParseHostPort(osc) is null)
            {
                errors.Add($"--osc '{osc}' must be host:port (port 1 to 65535)");
            }
        }

        if (!options.OscPrefix.StartsWith('/') || options.OscPrefix.Any(c => c is ' ' or '#' or '*' or ',' or '?' or '[' or ']' or '{' or '}'))
        {
            errors.Add($"--osc-prefix '{options.OscPrefix}' must start with '/' and hold no spaces or OSC pattern characters");
        }

        foreach (var url in options.Mqtt)
        {
            if (MqttTarget.Parse(url, options.MqttPrefix, options.MqttQos, options.MqttTls, null, out var error) is null)
            {
                errors.Add(error!);
            }
        }

        if (options.MqttNodeId is { } node && !MqttNodeId.IsValid(node))
        {
            errors.Add($"Mqtt:NodeId '{node}' must be 1 to {MqttNodeId.MaxLength} lower-case letters, digits and underscores (e.g. living_room)");
        }

        if (!(options.MqttAttributesSeconds is >= 0 and <= 86400))
        {
            errors.Add($"Mqtt:AttributesSeconds {options.MqttAttributesSeconds.ToString(CultureInfo.InvariantCulture)} must be a number of seconds from 0 to 86400");
        }

        if (options.MqttSupportUrl is { } support && !Uri.TryCreate(support, UriKind.Absolute, out _))
        {
            errors.Add($"Mqtt:SupportUrl '{support}' must be an absolute URL (https://…)");
        }

        if (options.MqttQos is < 0 or > 2)
        {
            errors.Add($"--mqtt-qos {options.MqttQos} must be 0, 1 or 2");
        }

        foreach (var path in options.JsonLines)
        {
            if (path != "-" && (string.IsNullOrWhiteSpace(path) || Directory.Exists(path) || !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(path)))))
            {
                errors.Add($"--jsonl '{path}' must be a file or named pipe in an existing folder, or - for standard output");
            }
        }

        if (options.JsonLinesMaxBytes < 1024)
        {
            errors.Add("--jsonl-max-mb must be at least 0.001 (1 KB)");
        }

        return errors;
    }

    /// <summary>The outputs, started, each reporting state changes to <paramref name="report"/>.</summary>
    /// <param name="options">Validated options (see <see cref="Validate"/>).</param>
    /// <param name="standardOutput">Opens standard output (for <c>--jsonl -</c>).</param>
    /// <param name="report">Receives one-line reports (connected, lost, refused).</param>
    /// <param name="faulted">Told when an output gives up for good (its target cannot be written); else <paramref name="report"/> is.</param>
    /// <param name="genres">The model's genres (Home Assistant's genre options); taken from the first event when null.</param>
    public static EventOutputs Start(OutputOptions options, Func<Stream> standardOutput, Action<string> report, Action<EventOutput>? faulted = null, IReadOnlyList<string>? genres = null)
    {
        var password = Environment.GetEnvironmentVariable(MqttTarget.PasswordVariable);
        var outputs = new List<EventOutput>();
        foreach (var osc in options.Osc)
        {
            var (host, port) = ParseHostPort(osc)!.Value;
            outputs.Add(new OscOutput(host, port, options.StreamKey is { } key ? $"{options.OscPrefix.TrimEnd('/')}/{key}" : options.OscPrefix, options.OscBundle));
        }

        foreach (var url in options.Mqtt)
        {
            var prefix = options.StreamKey is { } key ? $"{options.MqttPrefix.TrimEnd('/')}/{key}" : options.MqttPrefix;
            var target = MqttTarget.Parse(url, prefix, options.MqttQos, options.MqttTls, password, out _)! with
            {
                AttributesSeconds = options.MqttAttributesSeconds,
                ConfigurationUrl = options.MqttConfigurationUrl,
                SupportUrl = options.MqttSupportUrl ?? options.MqttConfigurationUrl,
            };
            if (options.StreamKey is { } streamKey)
            {
                // A device per stream: the installation's node id with the stream's name after it.
                var node = options.MqttNodeId ?? MqttNodeId.Default(options.MqttPrefix);
                var suffix = "_" + streamKey;
                target = target with { NodeId = node[..Math.Min(node.Length, MqttNodeId.MaxLength - suffix.Length)] + suffix, DeviceName = $"genre stream ({options.Stream})" };
            }
            else if (options.MqttNodeId is { } node)
            {
                target = target with { NodeId = node };
            }

            outputs.Add(new MqttOutput(target, genres));
        }

        foreach (var path in options.JsonLines)
        {
            outputs.Add(new JsonLinesOutput(path, standardOutput, options.JsonLinesMaxBytes));
        }

        var all = new EventOutputs(outputs);
        foreach (var output in outputs)
        {
            output.Report = report;
            output.Faulted = faulted;
        }

        all.Start();
        return all;
    }

    /// <summary>A one-line account of each output: sent, dropped, failed.</summary>
    public static IEnumerable<string> Summaries(EventOutputs outputs) =>
        outputs.All.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Name}: {o.Sent} events sent, {o.Dropped} dropped (queue full), {o.Failed} not delivered"));

    private static (string Host, int Port)? ParseHostPort(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return null;
        }

        var host = text[..colon].Trim('[', ']');
        return host.Length == 0 ? null : (host, port);
    }
}
