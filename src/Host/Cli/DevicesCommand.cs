using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GenreStream.Host.Live;
using GenreStream.Streaming.Sources.Pulse;

namespace GenreStream.Host.Cli;

/// <summary><c>genre devices</c>: the capture sources the audio server offers.</summary>
internal static class DevicesCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "One JSON object per source: {\"name\",\"description\",\"sampleRate\",\"channels\",\"monitor\"}." };
        var server = new Option<string?>("--server") { Description = "PulseAudio/PipeWire server address (default: as libpulse finds it).", HelpName = "address" };
        var command = new Command("devices", "List the capture sources (names for 'genre listen --source'): the PulseAudio/PipeWire server's on Linux, the WASAPI endpoints on Windows; monitors capture what an output plays.")
        {
            json, server,
        };
        command.SetAction(parse =>
        {
            IReadOnlyList<CaptureDevice> devices;
            try
            {
                devices = LiveSources.Devices(parse.GetValue(server));
            }
            catch (AudioServerUnavailableException e)
            {
                context.Error.WriteLine($"genre devices: {e.Message.ReplaceLineEndings(" ")}");
                return ExitCodes.NoAudioServer;
            }

            if (!parse.GetValue(json))
            {
                context.Out.WriteLine(Row("source (--source)", "rate", "channels", "kind", "description"));
            }

            foreach (var d in devices)
            {
                if (parse.GetValue(json))
                {
                    using var buffer = new MemoryStream();
                    using (var writer = new Utf8JsonWriter(buffer))
                    {
                        writer.WriteStartObject();
                        writer.WriteString("name", d.Name);
                        writer.WriteString("description", d.Description);
                        writer.WriteNumber("sampleRate", d.SampleRate);
                        writer.WriteNumber("channels", d.Channels);
                        writer.WriteBoolean("monitor", d.IsMonitor);
                        writer.WriteEndObject();
                    }

                    context.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                }
                else
                {
                    context.Out.WriteLine(Row(
                        d.Name,
                        string.Create(CultureInfo.InvariantCulture, $"{d.SampleRate} Hz"),
                        d.Channels.ToString(CultureInfo.InvariantCulture),
                        d.IsMonitor ? "monitor" : "input",
                        d.Description));
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One line of the table: the header and each source in the same columns.</summary>
    private static string Row(string name, string rate, string channels, string kind, string description) =>
        $"{name,-40} {rate,9} {channels,8}  {kind,-7}  {description}";
}
