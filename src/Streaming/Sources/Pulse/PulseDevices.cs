using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace GenreStream.Streaming.Sources.Pulse;

/// <summary>Lists the capture sources a PulseAudio (or PipeWire-pulse) server offers, through <c>pactl</c>.</summary>
public static class PulseDevices
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs <c>pactl -f json list sources</c> and returns every source, monitors included.</summary>
    /// <param name="server">Server address for <c>pactl --server</c>, or null for the usual lookup.</param>
    /// <param name="pactlExecutable">The pactl command or full path.</param>
    /// <exception cref="AudioServerUnavailableException">pactl is missing, no server answers, or its output is not understood.</exception>
    public static IReadOnlyList<CaptureDevice> List(string? server = null, string pactlExecutable = "pactl")
    {
        ArgumentException.ThrowIfNullOrEmpty(pactlExecutable);
        var info = new ProcessStartInfo(pactlExecutable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (server is not null)
        {
            info.ArgumentList.Add("--server=" + server);
        }

        foreach (var a in (string[])["-f", "json", "list", "sources"])
        {
            info.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new Win32Exception("not started");
        }
        catch (Win32Exception e)
        {
            throw new AudioServerUnavailableException(
                $"cannot run {pactlExecutable} to list capture devices ({e.Message}); install pulseaudio-utils", e);
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new AudioServerUnavailableException($"{pactlExecutable} did not answer within {Timeout.TotalSeconds:0} s");
            }

            if (process.ExitCode != 0)
            {
                var reason = FirstLine(stderr.Result) ?? $"exit code {process.ExitCode}";
                throw new AudioServerUnavailableException($"no PulseAudio/PipeWire server was found ({reason})");
            }

            try
            {
                return Parse(stdout.Result);
            }
            catch (JsonException e)
            {
                throw new AudioServerUnavailableException($"{pactlExecutable} printed no JSON source list (needs pactl 16 or later): {e.Message}", e);
            }
        }
    }

    /// <summary>Reads the JSON array <c>pactl -f json list sources</c> prints.</summary>
    /// <exception cref="JsonException">Not a JSON array of objects.</exception>
    internal static IReadOnlyList<CaptureDevice> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("expected an array of sources");
        }

        var devices = new List<CaptureDevice>();
        foreach (var source in document.RootElement.EnumerateArray())
        {
            if (source.ValueKind != JsonValueKind.Object || Text(source, "name") is not { Length: > 0 } name)
            {
                continue;
            }

            var (rate, channels) = ParseSampleSpec(Text(source, "sample_specification"));
            devices.Add(new CaptureDevice(name, Text(source, "description") ?? name, rate, channels, IsMonitor(source, name)));
        }

        return devices;
    }

    /// <summary>Rate and channels from text like <c>float32le 2ch 44100Hz</c>; 0 for what is missing.</summary>
    internal static (int SampleRate, int Channels) ParseSampleSpec(string? spec)
    {
        int rate = 0, channels = 0;
        foreach (var token in (spec ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.EndsWith("Hz", StringComparison.Ordinal))
            {
                _ = int.TryParse(token.AsSpan(0, token.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out rate);
            }
            else if (token.EndsWith("ch", StringComparison.Ordinal))
            {
                _ = int.TryParse(token.AsSpan(0, token.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out channels);
            }
        }

        return (rate, channels);
    }

    // pactl names the monitored sink "monitor_of_sink" in its text output but (in some versions)
    // "monitor_source" in JSON; either, the device class, or the ".monitor" suffix marks a monitor.
    private static bool IsMonitor(JsonElement source, string name) =>
        name.EndsWith(".monitor", StringComparison.Ordinal)
        || IsSet(Text(source, "monitor_of_sink"))
        || IsSet(Text(source, "monitor_source"))
        || (source.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            && Text(properties, "device.class") == "monitor");

    private static bool IsSet(string? value) => value is { Length: > 0 } && value != "n/a";

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
}
