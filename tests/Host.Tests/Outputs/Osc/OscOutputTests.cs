using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using GenreStream.Host.Tests.Cli;
using GenreStream.Host.Tests.Listen;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Outputs.Osc;

/// <summary>OSC from <c>genre listen</c> into a real OSC receiver: liblo's <c>oscdump</c>.</summary>
[Trait("Category", "Osc")]
public sealed class OscOutputTests
{
    /// <summary>Runs <c>genre listen --fast</c> on <paramref name="clip"/> with OSC to a fresh oscdump; returns oscdump's lines.</summary>
    private static string[] Dump(string clip, params string[] extra) => DumpWithEvents(clip, extra).Lines;

    /// <summary>Runs <c>genre listen --fast --json</c> on <paramref name="clip"/> with OSC to a fresh oscdump; returns oscdump's lines and the JSON events.</summary>
    private static (string[] Lines, System.Text.Json.JsonElement[] Events) DumpWithEvents(string clip, params string[] extra)
    {
        CliRunner.Result? run = null;
        var number = UdpPorts.Free();
        var port = number.ToString(CultureInfo.InvariantCulture);
        using var dump = Process.Start(new ProcessStartInfo("oscdump", ["-L", port]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            // Messages sent before oscdump has bound its port are lost (a fixed pause was not enough on a loaded machine).
            Assert.True(UdpPorts.WaitUntilBound(number, TimeSpan.FromSeconds(30)), "oscdump did not bind its port");
            var result = CliRunner.Run(["listen", "--source", "file:" + clip, "--fast", "--json", "--osc", "127.0.0.1:" + port, .. extra]);
            Assert.True(result.ExitCode == 0, result.Error);
            run = result;
            Thread.Sleep(1000);
        }
        finally
        {
            dump.Kill();
            dump.WaitForExit();
        }

        var events = run.OutLines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.Clone()).ToArray();
        return (dump.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries), events);
    }

    /// <summary>The lines of oscdump for <paramref name="address"/> with type tags <paramref name="types"/>, split at spaces.</summary>
    private static string[][] Messages(string[] lines, string address, string types) =>
        [.. lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length > 2 && p[1] == address && p[2] == types)];

    private static string? Oscdump() => File.Exists("/usr/bin/oscdump") ? null : "oscdump is not installed (apt-get install liblo-tools)";

    [SkippableFact]
    public void Oscdump_receives_the_genre_probabilities_and_level_with_the_right_types()
    {
        Requires.Available(Oscdump());
        var clip = Path.Combine(Requires.SharedData(), "gtzan/classical/classical.00003.flac");
        var lines = Dump(clip);

        // oscdump prints "<time tag> <address> <types> <values…>".
        var current = lines.Where(l => l.Contains(" /genre/current sf ", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(current);
        Assert.Contains(" sf \"", current[0], StringComparison.Ordinal);
        var first = current[0].Split(' ')[3].Trim('"');
        Assert.Equal(Loopback.Offline(clip), current[^1].Split(' ')[3].Trim('"'));
        Assert.False(string.IsNullOrEmpty(first));

        var probabilities = lines.Where(l => l.Contains(" /genre/probabilities ", StringComparison.Ordinal)).ToArray();
        var levels = lines.Where(l => l.Contains(" /genre/level ", StringComparison.Ordinal)).ToArray();
        Assert.True(probabilities.Length >= 15, $"{probabilities.Length} probability messages");
        Assert.Equal(probabilities.Length, levels.Length);
        Assert.All(probabilities, l =>
        {
            var parts = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("ffffffffff", parts[2]);
            Assert.Equal(1.0, parts[3..].Sum(v => double.Parse(v, CultureInfo.InvariantCulture)), 1e-3);
        });
        Assert.All(levels, l => Assert.Equal("f", l.Split(' ')[2]));
        Assert.All(levels, l => Assert.InRange(double.Parse(l.Split(' ')[3], CultureInfo.InvariantCulture), 0, 1));

        // Every step also says what it heard: a classical clip is music.
        var statuses = lines.Where(l => l.Contains(" /genre/status ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(probabilities.Length, statuses.Length);
        Assert.All(statuses, l => Assert.Equal("s", l.Split(' ')[2]));
        Assert.Contains(statuses, l => l.Split(' ')[3].Trim('"') == "music");
    }

    [SkippableFact]
    public void With_bundles_and_another_prefix_every_step_still_arrives()
    {
        Requires.Available(Oscdump());
        var clip = Path.Combine(Requires.SharedData(), "gtzan/rock/rock.00000.flac");
        var plain = Dump(clip);
        var bundled = Dump(clip, "--osc-bundle", "--osc-prefix", "/lights/genre");
        Assert.All(bundled, l => Assert.Contains(" /lights/genre/", l, StringComparison.Ordinal));
        Assert.Equal(plain.Length, bundled.Length);
        Assert.Equal(
            plain.Count(l => l.Contains("/probabilities", StringComparison.Ordinal)),
            bundled.Count(l => l.Contains("/probabilities", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public void To_ipv6_every_datagram_arrives_and_the_summary_counts_only_what_was_sent()
    {
        // Before: an IPv4 socket could not send to ::1 at all, and the summary still said "2 events sent" (the
        // source events, which OSC does not carry, were counted).
        using var receiver = Ipv6Receiver();
        var port = ((IPEndPoint)receiver.Client.LocalEndPoint!).Port;
        using var temp = new TempDirectory();
        var clip = temp.Write("music.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 12, 4)));
        var (code, output, error) = GenreProcessTests.RunGenre("listen", "--source", "file:" + clip, "--fast", "--json", "--verbose", "--osc", $"[::1]:{port}");
        Assert.True(code == 0, string.Join('\n', error));

        // The program has ended, so every datagram it sent is already waiting in the socket.
        var probabilities = 0;
        var current = 0;
        while (receiver.Available > 0)
        {
            var remote = new IPEndPoint(IPAddress.IPv6Any, 0);
            var address = System.Text.Encoding.ASCII.GetString(receiver.Receive(ref remote)).Split('\0')[0];
            probabilities += address == "/genre/probabilities" ? 1 : 0;
            current += address == "/genre/current" ? 1 : 0; // on each change (s f) and at every step (s)
        }

        var genres = output.Count(l => l.Contains("\"type\":\"genre\"", StringComparison.Ordinal));
        var changes = output.Count(l => l.Contains("\"type\":\"change\"", StringComparison.Ordinal));
        Assert.True(genres > 0);
        Assert.Equal(genres, probabilities);
        Assert.Equal(changes + genres, current);
        Assert.Contains($"genre listen: osc://[::1]:{port}/genre: {genres + changes} events sent, 0 dropped (queue full), 0 not delivered", error);
    }

    [SkippableFact]
    public void Every_step_sends_a_number_per_genre_the_index_the_current_genre_music_and_both_levels()
    {
        Requires.Available(Oscdump());
        using var temp = new TempDirectory();
        var samples = Signals.MusicLike(22050, 9, 5).Concat(new float[22050 * 6]).Concat(Signals.MusicLike(22050, 9, 6)).ToArray();
        var clip = temp.Write("music-silence-music.wav", new WavFileBuilder { SampleRate = 22050 }.Build(samples));
        var (lines, events) = DumpWithEvents(clip, "--model", TestModels.RandomFile());
        var steps = events.Where(e => e.GetProperty("type").GetString() == "genre").ToArray();
        Assert.True(steps.Length >= 10, $"{steps.Length} steps");

        // Each genre on its own address, a 0-1 number (what the OSC In CHOP, Resolume and QLC+ map directly).
        foreach (var genre in TestModels.Genres)
        {
            var values = Messages(lines, "/genre/" + genre, "f").Select(p => double.Parse(p[3], CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(steps.Select(s => s.GetProperty("smoothed").GetProperty(genre).GetDouble()), values, (a, b) => Math.Abs(a - b) < 1e-5);
        }

        // The settled genre at every step, as a name and as its index (-1 for unknown and silence); music as 1 or 0.
        string Settled(System.Text.Json.JsonElement s) =>
            s.GetProperty("silent").GetBoolean() || s.GetProperty("status").GetString() == "silence" ? "silence"
            : s.GetProperty("status").GetString() == "unknown" || s.GetProperty("genre").GetString() is null ? "unknown"
            : s.GetProperty("genre").GetString()!;
        var current = Messages(lines, "/genre/current", "s").Select(p => p[3].Trim('"')).ToArray();
        var index = Messages(lines, "/genre/index", "i").Select(p => int.Parse(p[3], CultureInfo.InvariantCulture)).ToArray();
        var music = Messages(lines, "/genre/music", "i").Select(p => int.Parse(p[3], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(steps.Select(Settled), current);
        Assert.Equal(current.Select(c => Array.IndexOf(TestModels.Genres, c)), index);
        Assert.Contains("silence", current);
        Assert.Contains(-1, index);
        Assert.Contains(index, i => i >= 0);
        Assert.Equal(steps.Select(s => !s.GetProperty("silent").GetBoolean() && s.GetProperty("status").GetString() == "music" ? 1 : 0), music);
        Assert.Contains(0, music);
        Assert.Contains(1, music);

        // The level twice: dBFS as it is, and -60..0 dBFS as 0..1.
        var db = Messages(lines, "/genre/level_db", "f").Select(p => double.Parse(p[3], CultureInfo.InvariantCulture)).ToArray();
        var scaled = Messages(lines, "/genre/level", "f").Select(p => double.Parse(p[3], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(steps.Select(s => s.GetProperty("level").GetDouble()), db, (a, b) => Math.Abs(a - b) < 0.01);
        Assert.Equal(db.Select(d => Math.Clamp((d + 60) / 60, 0, 1)), scaled, (a, b) => Math.Abs(a - b) < 1e-4);
        Assert.Contains(scaled, v => v == 0); // the silence
        Assert.Contains(scaled, v => v > 0.3); // the music
    }

    private static UdpClient Ipv6Receiver()
    {
        try
        {
            return new UdpClient(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        }
        catch (SocketException e)
        {
            Requires.Available($"no IPv6 loopback here ({e.Message})");
            throw;
        }
    }
}
