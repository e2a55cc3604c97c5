using System.Diagnostics;
using System.Text.Json;
using GenreStream.Host.Tests.Cli;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Outputs.Mqtt;

/// <summary>MQTT from the real <c>genre</c> program to a real mosquitto broker, watched with mosquitto_sub.</summary>
[Trait("Category", "Mqtt")]
public sealed class MqttOutputTests : IDisposable
{
    private readonly MqttBroker _broker = new();
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        _broker.Dispose();
        _temp.Dispose();
    }

    private static Dictionary<string, string> Password(string password = MqttBroker.Password) => new() { ["GENRE_MQTT_PASSWORD"] = password };

    private static string[] Lines(Process subscriber)
    {
        var output = subscriber.StandardOutput.ReadToEnd();
        subscriber.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static JsonElement Payload(string line)
    {
        using var doc = JsonDocument.Parse(line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        return doc.RootElement.Clone();
    }

    private static readonly string[] Entities = ["sensor/genre", "binary_sensor/music", "sensor/level", "sensor/confidence"];

    /// <summary>The node id the program derives on this machine for <paramref name="prefix"/> (a hash of the machine id, or the host name).</summary>
    private static string DefaultNodeId(string prefix) => GenreStream.Host.Outputs.Mqtt.MqttNodeId.Default(prefix);

    [SkippableFact]
    public void Discovery_state_attributes_genre_and_availability_reach_a_subscriber_field_by_field()
    {
        Requires.Available(_broker.WhyUnavailable);
        var clip = Path.Combine(Requires.SharedData(), "gtzan/jazz/jazz.00001.flac");
        using var everything = _broker.Subscribe("#", 1000, 40);
        Thread.Sleep(500);
        var (code, output, error) = GenreProcessTests.RunGenreWith(Password(), "listen", "--source", "file:" + clip, "--fast", "--json", "--mqtt", _broker.Url, "--mqtt-prefix", "studio/genre");
        Assert.True(code == 0, string.Join('\n', error));
        Assert.DoesNotContain(error, l => l.Contains(MqttBroker.Password, StringComparison.Ordinal));

        // Retained topics as a newcomer sees them, after the run (availability: offline, said on the way out).
        var retained = Lines(_broker.Subscribe("#", 11, 5));
        Assert.Contains(retained, l => l == "studio/genre/availability offline");
        var genre = retained.Single(l => l.StartsWith("studio/genre/genre ", StringComparison.Ordinal))["studio/genre/genre ".Length..];
        var state = Payload(retained.Single(l => l.StartsWith("studio/genre/state ", StringComparison.Ordinal)));
        var attributes = Payload(retained.Single(l => l.StartsWith("studio/genre/attributes ", StringComparison.Ordinal)));
        var events = output.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();
        var last = events.Last(e => e.GetProperty("type").GetString() == "genre");

        // One meaning of genre: the settled genre, as in the JSON events.
        Assert.Equal(genre, state.GetProperty("genre").GetString());
        Assert.Equal(last.GetProperty("genre").GetString(), state.GetProperty("genre").GetString());
        Assert.Equal(genre, state.GetProperty("state").GetString());
        Assert.True(state.GetProperty("music").GetBoolean());
        Assert.Equal("music", state.GetProperty("status").GetString());
        Assert.Equal("ended", state.GetProperty("source").GetString());

        // The attributes (paced) are those of one step: the same figures as its JSON event.
        var step = events.Single(e => e.GetProperty("type").GetString() == "genre" && e.GetProperty("time").GetDouble() == attributes.GetProperty("time").GetDouble());
        Assert.Equal(step.GetProperty("genre").GetString(), attributes.GetProperty("genre").GetString());
        Assert.Equal(step.GetProperty("top").GetString(), attributes.GetProperty("top").GetString());
        Assert.Equal(step.GetProperty("confidence").GetDouble(), attributes.GetProperty("confidence").GetDouble(), 1e-3);
        Assert.Equal(step.GetProperty("top_confidence").GetDouble(), attributes.GetProperty("top_confidence").GetDouble(), 1e-3);
        Assert.Equal(step.GetProperty("level").GetDouble(), attributes.GetProperty("level").GetDouble(), 0.06);
        Assert.Equal(step.GetProperty("timestamp").GetString(), attributes.GetProperty("timestamp").GetString());
        Assert.Equal(10, attributes.GetProperty("probabilities").EnumerateObject().Count());
        Assert.Equal(1.0, attributes.GetProperty("probabilities").EnumerateObject().Sum(p => p.Value.GetDouble()), 1e-3);

        var node = DefaultNodeId("studio/genre");
        Assert.Matches("^genre_[0-9a-z_]+_studio_genre$", node);
        var configs = Entities.ToDictionary(e => e, e => Payload(retained.Single(l => l.StartsWith($"homeassistant/{e.Split('/')[0]}/{node}/{e.Split('/')[1]}/config ", StringComparison.Ordinal))));
        foreach (var (entity, config) in configs)
        {
            var (component, key) = (entity.Split('/')[0], entity.Split('/')[1]);
            Assert.Equal($"{node}_{key}", config.GetProperty("unique_id").GetString());
            Assert.Equal($"{component}.{node}_{key}", config.GetProperty("default_entity_id").GetString());
            Assert.False(config.TryGetProperty("object_id", out _), "object_id was removed in Home Assistant 2026.4");
            Assert.Equal("studio/genre/availability", config.GetProperty("availability_topic").GetString());
            var device = config.GetProperty("device");
            Assert.Equal([node], device.GetProperty("identifiers").EnumerateArray().Select(i => i.GetString()));
            Assert.Equal("genre stream", device.GetProperty("name").GetString());
            Assert.False(string.IsNullOrEmpty(device.GetProperty("sw_version").GetString()));
            Assert.False(device.TryGetProperty("configuration_url", out _), "no page without serve");
            var origin = config.GetProperty("origin");
            Assert.Equal("genre stream", origin.GetProperty("name").GetString());
            Assert.Equal(device.GetProperty("sw_version").GetString(), origin.GetProperty("sw_version").GetString());
        }

        var genreSensor = configs["sensor/genre"];
        Assert.Equal("enum", genreSensor.GetProperty("device_class").GetString());
        Assert.Equal([.. TestModels.Genres, "unknown", "silence"], genreSensor.GetProperty("options").EnumerateArray().Select(o => o.GetString()!).ToArray());
        Assert.Equal("studio/genre/state", genreSensor.GetProperty("state_topic").GetString());
        Assert.Equal("{{ value_json.state }}", genreSensor.GetProperty("value_template").GetString());
        Assert.Equal("studio/genre/attributes", genreSensor.GetProperty("json_attributes_topic").GetString());
        Assert.Equal("{{ value_json.probabilities | tojson }}", genreSensor.GetProperty("json_attributes_template").GetString());
        Assert.False(genreSensor.TryGetProperty("state_class", out _), "an enum sensor has no state class");
        Assert.False(genreSensor.TryGetProperty("unit_of_measurement", out _), "an enum sensor has no unit");

        var music = configs["binary_sensor/music"];
        Assert.Equal("studio/genre/state", music.GetProperty("state_topic").GetString());
        Assert.Equal("sound", music.GetProperty("device_class").GetString());
        Assert.Equal("ON", music.GetProperty("payload_on").GetString());
        Assert.Equal("OFF", music.GetProperty("payload_off").GetString());
        Assert.Equal("{{ 'ON' if value_json.music else 'OFF' }}", music.GetProperty("value_template").GetString());

        var level = configs["sensor/level"];
        Assert.Equal("studio/genre/attributes", level.GetProperty("state_topic").GetString());
        Assert.Equal("dB", level.GetProperty("unit_of_measurement").GetString());
        Assert.Equal("measurement", level.GetProperty("state_class").GetString());
        Assert.Equal("{{ value_json.level }}", level.GetProperty("value_template").GetString());

        var confidence = configs["sensor/confidence"];
        Assert.Equal("studio/genre/attributes", confidence.GetProperty("state_topic").GetString());
        Assert.Equal("diagnostic", confidence.GetProperty("entity_category").GetString());
        Assert.Equal("%", confidence.GetProperty("unit_of_measurement").GetString());
        Assert.Equal("measurement", confidence.GetProperty("state_class").GetString());

        _broker.Stop(); // ends the watching subscriber
        var live = Lines(everything);
        Assert.Contains("studio/genre/availability online", live);

        // The state only when it changes (plus the source's end); the attributes paced (the run took a second or two, not 5 s a step).
        var genres = events.Where(e => e.GetProperty("type").GetString() == "genre").ToArray();
        var changes = 1 + genres.Zip(genres.Skip(1)).Count(p => Key(p.First) != Key(p.Second)) + 1;
        var states = live.Count(l => l.StartsWith("studio/genre/state ", StringComparison.Ordinal));
        Assert.Equal(changes, states);
        Assert.True(states < genres.Length, $"{states} states for {genres.Length} steps");
        var published = live.Count(l => l.StartsWith("studio/genre/attributes ", StringComparison.Ordinal));
        Assert.InRange(published, 1, genres.Length - 1);
    }

    /// <summary>What the state topic says of a genre event (it is published when this changes).</summary>
    private static string Key(JsonElement g) =>
        $"{g.GetProperty("genre")}|{g.GetProperty("status")}|{g.GetProperty("silent")}";

    [SkippableFact]
    public void A_node_id_from_settings_names_every_entity_and_attributes_follow_the_pace_asked_for()
    {
        Requires.Available(_broker.WhyUnavailable);
        var wav = _temp.Write("music.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 15, 2)));
        using var everything = _broker.Subscribe("#", 1000, 40);
        Thread.Sleep(500);
        var environment = new Dictionary<string, string>(Password()) { ["GENRE_Mqtt__NodeId"] = "living_room", ["GENRE_Mqtt__AttributesSeconds"] = "0", ["GENRE_Mqtt__SupportUrl"] = "https://example.org/genre" };
        var (code, output, error) = GenreProcessTests.RunGenreWith(environment, "listen", "--source", "file:" + wav, "--fast", "--json", "--model", TestModels.RandomFile(), "--mqtt", _broker.Url);
        Assert.True(code == 0, string.Join('\n', error));
        _broker.Stop();
        var live = Lines(everything);
        foreach (var entity in Entities)
        {
            var (component, key) = (entity.Split('/')[0], entity.Split('/')[1]);
            var config = Payload(live.First(l => l.StartsWith($"homeassistant/{component}/living_room/{key}/config ", StringComparison.Ordinal)));
            Assert.Equal($"living_room_{key}", config.GetProperty("unique_id").GetString());
            Assert.Equal($"{component}.living_room_{key}", config.GetProperty("default_entity_id").GetString());
            Assert.Equal("living_room", config.GetProperty("device").GetProperty("identifiers")[0].GetString());
            Assert.Equal("https://example.org/genre", config.GetProperty("origin").GetProperty("support_url").GetString());
        }

        // AttributesSeconds 0: the attributes at every step.
        var steps = output.Count(l => l.Contains("\"type\":\"genre\"", StringComparison.Ordinal));
        Assert.Equal(steps, live.Count(l => l.StartsWith("genre/attributes ", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public void With_serve_the_device_links_to_the_page()
    {
        Requires.Available(_broker.WhyUnavailable);
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        var wav = _temp.Write("music.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 30, 2)));
        using var serve = new Serve.ServeProcess(
            ["--source", "file:" + wav, "--model", TestModels.RandomFile(), "--mqtt", _broker.Url],
            start =>
            {
                start.Environment["GENRE_MQTT_PASSWORD"] = MqttBroker.Password;
                start.Environment["GENRE_Mqtt__NodeId"] = "den";
            },
            port);
        var config = Payload(Lines(_broker.Subscribe("homeassistant/sensor/den/genre/config", 1, 30)).Single());
        Assert.Equal($"http://127.0.0.1:{port}/", config.GetProperty("device").GetProperty("configuration_url").GetString());
        Assert.Equal($"http://127.0.0.1:{port}/", config.GetProperty("origin").GetProperty("support_url").GetString());
        var state = Payload(Lines(_broker.Subscribe("genre/state", 1, 30)).Single());
        Assert.Equal("started", state.GetProperty("source").GetString());
        Assert.Equal(0, serve.Stop());
    }

    [Fact]
    public void A_bad_node_id_or_pace_in_settings_is_named_with_every_other_error()
    {
        using var config = new TempDirectory();
        File.Copy(Path.Combine(AppContext.BaseDirectory, "config", "genre-model.json"), config.File("genre-model.json"));
        File.WriteAllText(config.File("settings.json"), """{"Mqtt": {"NodeId": "Living Room!", "AttributesSeconds": -1}}""");
        var result = CliRunner.Run(["listen", "--json", "--mqtt", "mqtt://127.0.0.1:1"], configDirectory: config.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Mqtt:NodeId 'Living Room!'", result.Error, StringComparison.Ordinal);
        Assert.Contains("Mqtt:AttributesSeconds '-1'", result.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void When_the_broker_restarts_mid_stream_the_state_is_published_again()
    {
        Requires.Available(_broker.WhyUnavailable);
        var clip = Path.Combine(Requires.SharedData(), "gtzan/rock/rock.00000.flac");
        var listening = Task.Run(() => GenreProcessTests.RunGenreWith(Password(), "listen", "--source", "file:" + clip, "--duration", "20", "--json", "--mqtt", _broker.Url));
        var first = Lines(_broker.Subscribe("genre/attributes", 1, 30));
        Assert.Single(first);
        var before = Payload(first[0]).GetProperty("time").GetDouble();

        _broker.Stop();
        Thread.Sleep(TimeSpan.FromSeconds(4));
        _broker.Start();

        // The broker kept nothing (no persistence): what a subscriber sees now was published after the restart.
        var after = Lines(_broker.Subscribe("genre/#", 4, 30));
        Assert.Contains("genre/availability online", after);
        Assert.Contains(after, l => l.StartsWith("genre/state ", StringComparison.Ordinal));
        var attributes = Lines(_broker.Subscribe("genre/attributes", 2, 30)); // the retained one, then one published since
        Assert.Equal(2, attributes.Length);
        Assert.True(Payload(attributes[^1]).GetProperty("time").GetDouble() > before);

        var (code, output, error) = listening.Result;
        Assert.Equal(0, code);
        Assert.Contains(error, l => l.Contains("is away", StringComparison.Ordinal));
        Assert.Contains(error, l => l.Contains("is back", StringComparison.Ordinal));

        // The pipeline did not wait for the broker: a genre event every step.
        var times = output.Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("type").GetString() == "genre").Select(e => e.GetProperty("time").GetDouble()).ToArray();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.Equal(1.509, pair.Second - pair.First, 0.01));
    }

    [SkippableFact]
    public void A_wrong_password_is_one_clear_line_and_the_rest_carries_on()
    {
        Requires.Available(_broker.WhyUnavailable);
        var wav = _temp.Write("music.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 12, 1)));
        var (code, output, error) = GenreProcessTests.RunGenreWith(Password("not-it"), "listen", "--source", "file:" + wav, "--fast", "--json", "--mqtt", _broker.Url);
        Assert.Equal(0, code);
        var refused = error.Where(l => l.Contains("refused", StringComparison.Ordinal)).ToArray();
        Assert.Single(refused); // said once, not retried in a loop
        Assert.Contains("GENRE_MQTT_PASSWORD", refused[0], StringComparison.Ordinal);
        Assert.DoesNotContain("not-it", string.Join('\n', error), StringComparison.Ordinal);
        Assert.DoesNotContain(error, l => l.Contains("   at ", StringComparison.Ordinal));
        Assert.Contains(output, l => l.Contains("\"type\":\"genre\"", StringComparison.Ordinal));
    }

    [Fact]
    public void A_password_in_the_url_is_refused_before_anything_runs()
    {
        var result = CliRunner.Run(["listen", "--mqtt", "mqtt://user:secret@127.0.0.1:1883", "--json"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("GENRE_MQTT_PASSWORD", result.Error, StringComparison.Ordinal);
    }
}
