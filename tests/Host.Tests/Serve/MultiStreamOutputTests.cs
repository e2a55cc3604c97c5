using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Serve;

/// <summary>
/// A service with several named streams to a real mosquitto (a Home Assistant device and topics per stream) and a real
/// OSC receiver (liblo's oscdump: addresses with the stream's name).
/// </summary>
[Trait("Category", "Mqtt")]
public sealed class MultiStreamOutputTests : IDisposable
{
    private readonly MqttBroker _broker = new();

    public void Dispose() => _broker.Dispose();

    private static string[] Lines(Process subscriber)
    {
        var output = subscriber.StandardOutput.ReadToEnd();
        Assert.True(subscriber.WaitForExit(60_000), "mosquitto_sub did not finish");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static (string Topic, JsonElement Payload) Message(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(line[(space + 1)..]);
        return (line[..space], doc.RootElement.Clone());
    }

    private static int FreeTcpPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [SkippableFact]
    public void Each_stream_is_its_own_home_assistant_device_with_its_own_topics_and_osc_addresses()
    {
        Requires.Available(_broker.WhyUnavailable);
        Requires.Available(File.Exists("/usr/bin/oscdump") ? null : "oscdump is not installed (apt-get install liblo-tools)");
        var data = Requires.SharedData();
        var number = UdpPorts.Free();
        var port = number.ToString(CultureInfo.InvariantCulture);
        using var dump = Process.Start(new ProcessStartInfo("oscdump", ["-L", port]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string osc;
        try
        {
            Assert.True(UdpPorts.WaitUntilBound(number, TimeSpan.FromSeconds(30)), "oscdump did not bind its port");
            using var serve = new ServeProcess(
                [
                    "--source", "jazz=file:" + Path.Combine(data, "gtzan/jazz/jazz.00002.flac"),
                    "--source", "living-room=file:" + Path.Combine(data, "gtzan/metal/metal.00002.flac"),
                    "--mqtt", _broker.Url, "--osc", "127.0.0.1:" + port,
                ],
                start =>
                {
                    start.Environment["GENRE_MQTT_PASSWORD"] = MqttBroker.Password;
                    start.Environment["GENRE_Mqtt__NodeId"] = "den";
                },
                FreeTcpPort());

            // A device per stream, each entity on its stream's own topics.
            var configs = Lines(_broker.Subscribe("homeassistant/sensor/+/genre/config", 2, 60)).Select(Message).OrderBy(m => m.Topic, StringComparer.Ordinal).ToArray();
            Assert.Equal(["homeassistant/sensor/den_jazz/genre/config", "homeassistant/sensor/den_living_room/genre/config"], configs.Select(c => c.Topic));
            Assert.Equal("genre stream (jazz)", configs[0].Payload.GetProperty("device").GetProperty("name").GetString());
            Assert.Equal("genre stream (living-room)", configs[1].Payload.GetProperty("device").GetProperty("name").GetString());
            Assert.Equal("den_jazz", configs[0].Payload.GetProperty("device").GetProperty("identifiers")[0].GetString());
            Assert.Equal(new Uri(serve.Url, "/?stream=living-room").ToString(), configs[1].Payload.GetProperty("device").GetProperty("configuration_url").GetString());
            Assert.Equal("genre/jazz/state", configs[0].Payload.GetProperty("state_topic").GetString());
            Assert.Equal("genre/living_room/availability", configs[1].Payload.GetProperty("availability_topic").GetString());

            // Each stream's state on its topics, as the service reports that stream.
            Assert.True(ServeProcess.WaitUntil(() => serve.Now().GetProperty("streams").EnumerateArray().All(s => s.GetProperty("stream_events").GetInt64() >= 4), TimeSpan.FromSeconds(90)), serve.Error);
            var states = Lines(_broker.Subscribe("genre/+/state", 2, 60)).Select(Message).ToDictionary(m => m.Topic, m => m.Payload);
            Assert.Equal(["genre/jazz/state", "genre/living_room/state"], states.Keys.Order(StringComparer.Ordinal));
            Assert.All(states.Values, s => Assert.Equal("started", s.GetProperty("source").GetString()));
            Assert.Equal(0, serve.Stop());
        }
        finally
        {
            Thread.Sleep(1000);
            dump.Kill();
            dump.WaitForExit();
            osc = dump.StandardOutput.ReadToEnd();
        }

        // OSC: the same messages as for one stream, under each stream's name.
        var addresses = osc.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length > 2).Select(p => p[1]).ToHashSet();
        Assert.Contains("/genre/jazz/current", addresses);
        Assert.Contains("/genre/living_room/current", addresses);
        Assert.Contains("/genre/jazz/probabilities", addresses);
        Assert.Contains("/genre/living_room/level", addresses);
        Assert.DoesNotContain("/genre/current", addresses);
    }
}
