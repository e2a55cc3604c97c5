using System.Diagnostics;
using System.Text.Json;
using GenreStream.Host.Tests.Cli;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Outputs;

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

    [SkippableFact]
    public void Discovery_state_genre_and_availability_reach_a_subscriber()
    {
        Requires.Available(_broker.WhyUnavailable);
        var clip = Path.Combine(Requires.SharedData(), "gtzan/jazz/jazz.00001.flac");
        using var everything = _broker.Subscribe("#", 1000, 40);
        Thread.Sleep(500);
        var (code, _, error) = GenreProcessTests.RunGenreWith(Password(), "listen", "--source", "file:" + clip, "--fast", "--json", "--mqtt", _broker.Url, "--mqtt-prefix", "studio/genre");
        Assert.True(code == 0, string.Join('\n', error));
        Assert.DoesNotContain(error, l => l.Contains(MqttBroker.Password, StringComparison.Ordinal));

        // Retained topics as a newcomer sees them, after the run (availability: offline, said on the way out).
        var retained = Lines(_broker.Subscribe("#", 5, 5));
        Assert.Contains(retained, l => l == "studio/genre/availability offline");
        var genre = retained.Single(l => l.StartsWith("studio/genre/genre ", StringComparison.Ordinal))["studio/genre/genre ".Length..];
        var state = Payload(retained.Single(l => l.StartsWith("studio/genre/state ", StringComparison.Ordinal)));
        Assert.Equal(genre, state.GetProperty("genre").GetString());
        Assert.InRange(state.GetProperty("confidence").GetDouble(), 0, 1);
        Assert.Equal(10, state.GetProperty("smoothed").EnumerateObject().Count());

        foreach (var sensor in new[] { "genre", "confidence" })
        {
            var config = Payload(retained.Single(l => l.StartsWith($"homeassistant/sensor/studio_genre/{sensor}/config ", StringComparison.Ordinal)));
            Assert.Equal("studio/genre/state", config.GetProperty("state_topic").GetString());
            Assert.Equal("studio/genre/availability", config.GetProperty("availability_topic").GetString());
            Assert.Equal($"studio_genre_{sensor}", config.GetProperty("unique_id").GetString());
        }

        _broker.Stop(); // ends the watching subscriber
        var live = Lines(everything);
        Assert.Contains("studio/genre/availability online", live);
        Assert.True(live.Count(l => l.StartsWith("studio/genre/state ", StringComparison.Ordinal)) >= 15, "a state per step");
    }

    [SkippableFact]
    public void When_the_broker_restarts_mid_stream_the_state_is_published_again()
    {
        Requires.Available(_broker.WhyUnavailable);
        var clip = Path.Combine(Requires.SharedData(), "gtzan/rock/rock.00000.flac");
        var listening = Task.Run(() => GenreProcessTests.RunGenreWith(Password(), "listen", "--source", "file:" + clip, "--duration", "20", "--json", "--mqtt", _broker.Url));
        var first = Lines(_broker.Subscribe("genre/state", 1, 30));
        Assert.Single(first);
        var before = Payload(first[0]).GetProperty("time").GetDouble();

        _broker.Stop();
        Thread.Sleep(TimeSpan.FromSeconds(4));
        _broker.Start();

        // The broker kept nothing (no persistence): what a subscriber sees now was published after the restart.
        var after = Lines(_broker.Subscribe("genre/#", 3, 30));
        Assert.Contains("genre/availability online", after);
        var states = after.Where(l => l.StartsWith("genre/state ", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(states);
        Assert.True(Payload(states[^1]).GetProperty("time").GetDouble() > before);

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
