using System.Diagnostics;
using System.Text.Json;
using GenreStream.Host.Tests.Cli;
using GenreStream.TestSupport;
using YamlDotNet.RepresentationModel;

namespace GenreStream.Host.Tests.Outputs.Mqtt;

/// <summary>
/// The README's Home Assistant automation and Node-RED flow, checked against what the real program publishes to a
/// real mosquitto broker: every entity and state the automation names exists in the discovery, every topic the flow
/// subscribes to carries messages with the fields the flow reads.
/// </summary>
[Trait("Category", "Mqtt")]
public sealed class MqttRecipeTests : IDisposable
{
    private readonly MqttBroker _broker = new();
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        _broker.Dispose();
        _temp.Dispose();
    }

    /// <summary>Runs <c>genre listen</c> with the node id the recipes use; returns every retained "topic payload" line.</summary>
    private string[] Published()
    {
        var wav = _temp.Write("music.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 12, 2)));
        var environment = new Dictionary<string, string> { ["GENRE_MQTT_PASSWORD"] = MqttBroker.Password, ["GENRE_Mqtt__NodeId"] = "living_room" };
        var (code, _, error) = GenreProcessTests.RunGenreWith(environment, "listen", "--source", "file:" + wav, "--fast", "--json", "--model", TestModels.RandomFile(), "--mqtt", _broker.Url);
        Assert.True(code == 0, string.Join('\n', error));
        return Lines(_broker.Subscribe("#", 8, 10));
    }

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

    private static IEnumerable<(string Key, YamlNode Value, YamlMappingNode Owner)> Pairs(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.SelectMany(kv => new[] { (((YamlScalarNode)kv.Key).Value!, kv.Value, map) }.Concat(Pairs(kv.Value))),
        YamlSequenceNode list => list.Children.SelectMany(Pairs),
        _ => [],
    };

    [SkippableFact]
    public void The_home_assistant_automation_names_only_entities_and_states_we_publish()
    {
        Requires.Available(_broker.WhyUnavailable);
        var configs = Published().Where(l => l.StartsWith("homeassistant/", StringComparison.Ordinal)).Select(Payload).ToArray();
        var entities = configs.ToDictionary(c => c.GetProperty("default_entity_id").GetString()!);

        var yaml = new YamlStream();
        yaml.Load(new StringReader(ReadmeBlocks.After("**A Home Assistant automation**", "yaml")));
        var pairs = Pairs(yaml.Documents[0].RootNode).ToArray();
        var ours = pairs.Where(p => p.Key == "entity_id" && p.Value is YamlScalarNode s && (s.Value!.StartsWith("sensor.", StringComparison.Ordinal) || s.Value.StartsWith("binary_sensor.", StringComparison.Ordinal))).ToArray();
        Assert.NotEmpty(ours);
        foreach (var (_, value, owner) in ours)
        {
            var id = ((YamlScalarNode)value).Value!;
            Assert.True(entities.TryGetValue(id, out var config), $"the automation names {id}, which the discovery does not publish ({string.Join(", ", entities.Keys)})");
            foreach (var field in new[] { "to", "from", "state" })
            {
                if (owner.Children.TryGetValue(new YamlScalarNode(field), out var state))
                {
                    var wanted = ((YamlScalarNode)state).Value!;
                    var valid = config.TryGetProperty("options", out var options)
                        ? options.EnumerateArray().Select(o => o.GetString()!).ToArray()
                        : id.StartsWith("binary_sensor.", StringComparison.Ordinal) ? ["on", "off"] : [];
                    Assert.Contains(wanted, valid);
                }
            }
        }

        Assert.Contains(ours, p => ((YamlScalarNode)p.Value).Value == "sensor.living_room_genre");
    }

    [SkippableFact]
    public void The_node_red_flow_subscribes_to_topics_that_carry_what_it_reads()
    {
        Requires.Available(_broker.WhyUnavailable);
        var published = Published();
        using var flow = JsonDocument.Parse(ReadmeBlocks.After("**A Node-RED flow**", "json"));
        var nodes = flow.RootElement.EnumerateArray().ToArray();
        var inputs = nodes.Where(n => n.GetProperty("type").GetString() == "mqtt in").ToArray();
        Assert.NotEmpty(inputs);
        var ids = nodes.Select(n => n.GetProperty("id").GetString()).ToHashSet();
        foreach (var input in inputs)
        {
            var topic = input.GetProperty("topic").GetString()!;
            Assert.Contains(ids, id => id == input.GetProperty("broker").GetString());
            Assert.All(input.GetProperty("wires").EnumerateArray().SelectMany(w => w.EnumerateArray()), w => Assert.Contains(w.GetString(), ids));

            // A subscriber on exactly this topic gets a JSON message (the retained one) with every field the flow reads.
            var lines = Lines(_broker.Subscribe(topic, 1, 10));
            Assert.True(lines.Length == 1, $"nothing on {topic}; published: {string.Join(", ", published.Select(l => l.Split(' ')[0]))}");
            var payload = Payload(lines[0]);
            foreach (var reader in nodes.Where(n => input.GetProperty("wires").EnumerateArray().SelectMany(w => w.EnumerateArray()).Any(w => w.GetString() == n.GetProperty("id").GetString()) && n.TryGetProperty("property", out _)))
            {
                var property = reader.GetProperty("property").GetString()!;
                Assert.StartsWith("payload.", property, StringComparison.Ordinal);
                Assert.True(payload.TryGetProperty(property["payload.".Length..], out var value), $"{topic} has no {property}");
                Assert.Equal(JsonValueKind.True, value.ValueKind); // music is playing in the run
            }
        }
    }
}
