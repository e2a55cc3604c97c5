using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GenreStream.Streaming.Sources.Pulse;

namespace GenreStream.Host.Cli;

/// <summary><c>genre devices</c>: the capture sources the audio server offers.</summary>
internal static class DevicesCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "One JSON object per source: {\"name\",\"description\",\"sampleRate\",\"channels\",\"monitor\"}." };
        var server = new Option<string?>("--server") { Description = "PulseAudio/PipeWire server address (default: as libpulse finds it).", HelpName = "address" };
        var command = new Command("devices", "List the capture sources of the PulseAudio/PipeWire server (names for 'genre listen --source'); monitors capture what an output plays.")
        {
            json, server,
        };
        command.SetAction(parse =>
        {
            IReadOnlyList<CaptureDevice> devices;
            try
            {
                devices = PulseDevices.List(parse.GetValue(server));
            }
            catch (AudioServerUnavailableException e)
            {
                context.Error.WriteLine($"genre devices: {e.Message.ReplaceLineEndings(" ")}");
                return ExitCodes.NoAudioServer;
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
                    context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{d.Name,-40} {d.SampleRate,6} Hz {d.Channels} ch{(d.IsMonitor ? "  monitor" : string.Empty)}  {d.Description}"));
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
