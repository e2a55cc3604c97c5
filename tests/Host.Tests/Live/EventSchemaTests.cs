using System.Text.Json;
using System.Text.Json.Nodes;
using GenreStream.Host.Live;
using GenreStream.Host.Tests.Cli;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Live;

/// <summary>The shipped JSON Schema of the events, checked against real events of <c>genre listen --json</c>.</summary>
public sealed class EventSchemaTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static JsonElement[] Events(CliRunner.Result result) =>
        result.OutLines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();

    [Fact]
    public void Genre_schema_prints_the_shipped_draft_2020_12_schema()
    {
        var result = CliRunner.Run(["schema"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(EventSchema.Text(), result.Out);
        var repository = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot!, "src/Host/Live/events.schema.json"));
        Assert.Equal(repository, result.Out);
        using var schema = JsonDocument.Parse(result.Out);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
        Assert.Equal(LiveEventJson.SchemaVersion, schema.RootElement.GetProperty("properties").GetProperty("schema_version").GetProperty("const").GetInt32());
    }

    [SkippableFact]
    public void Every_event_of_a_real_clip_fits_the_schema_and_genre_is_the_settled_genre()
    {
        var clip = Path.Combine(Requires.SharedData(), "gtzan/jazz/jazz.00001.flac");
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH (apt-get install ffmpeg)");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var result = CliRunner.Run(["listen", "--source", "file:" + clip, "--fast", "--json", "--verbose"]);
        Assert.True(result.ExitCode == 0, result.Error);
        var events = Events(result);
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "change");
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "source");
        foreach (var e in events)
        {
            EventSchemaCheck.Valid(e);
            Assert.Equal(2, e.GetProperty("schema_version").GetInt32());
            var stamp = DateTimeOffset.Parse(e.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(stamp, before, DateTimeOffset.UtcNow.AddSeconds(1));
        }

        var genres = events.Where(e => e.GetProperty("type").GetString() == "genre").ToArray();
        Assert.All(genres, g => Assert.True(g.TryGetProperty("latency_ms", out _)));
        Assert.All(genres, g => Assert.Equal(g.GetProperty("current").ToString(), g.GetProperty("genre").ToString()));

        // After each change event, genre says the new genre; top may lead it (during the hold) but genre follows only changes.
        var settled = (string?)null;
        foreach (var e in events)
        {
            switch (e.GetProperty("type").GetString())
            {
                case "change":
                    settled = e.GetProperty("to").GetString();
                    break;
                case "genre":
                    Assert.Equal(settled, e.GetProperty("genre").GetString());
                    break;
            }
        }
    }

    [Fact]
    public void An_apostrophe_in_a_file_name_is_written_as_it_is_and_the_events_still_fit()
    {
        var wav = _temp.Write("it's a song.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 8, 3)));
        var result = CliRunner.Run(["listen", "--source", "file:" + wav, "--fast", "--json", "--model", TestModels.RandomFile()]);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("it's a song.wav", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0027", result.Out, StringComparison.Ordinal);
        Assert.All(Events(result), EventSchemaCheck.Valid);
    }

    [Fact]
    public void The_last_event_after_ctrl_c_fits_the_schema_too()
    {
        var wav = _temp.Write("music.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 60, 3)));
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "genre.dll"), "listen", "--source", "file:" + wav, "--json", "--model", TestModels.RandomFile() })
        {
            start.ArgumentList.Add(a);
        }

        using var listen = System.Diagnostics.Process.Start(start)!;
        var lines = new List<string>();
        string? line;
        while ((line = listen.StandardOutput.ReadLine()) is not null)
        {
            lines.Add(line);
            if (line.Contains("\"type\":\"genre\"", StringComparison.Ordinal))
            {
                using var interrupt = System.Diagnostics.Process.Start("kill", ["-INT", listen.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                interrupt.WaitForExit();
                break;
            }
        }

        lines.AddRange(listen.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(listen.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal(130, listen.ExitCode);
        using var last = JsonDocument.Parse(lines[^1]);
        Assert.Equal("interrupted", last.RootElement.GetProperty("detail").GetString());
        foreach (var l in lines)
        {
            using var e = JsonDocument.Parse(l);
            EventSchemaCheck.Valid(e.RootElement);
        }
    }

    [Theory]
    [InlineData("genre", "genre", "42")]
    [InlineData("genre", "status", "\"loud\"")]
    [InlineData("genre", "timestamp", "\"yesterday\"")]
    [InlineData("genre", "schema_version", "1")]
    [InlineData("change", "to", "null")]
    [InlineData("source", "state", "\"exploded\"")]
    public void An_event_that_breaks_the_format_does_not_fit(string type, string field, string value)
    {
        var wav = _temp.Write("music.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 8, 3)));
        var result = CliRunner.Run(["listen", "--source", "file:" + wav, "--fast", "--json", "--model", TestModels.RandomFile()]);
        var real = result.OutLines.First(l => l.Contains($"\"type\":\"{type}\"", StringComparison.Ordinal));
        using (var fits = JsonDocument.Parse(real))
        {
            EventSchemaCheck.Valid(fits.RootElement);
        }

        var broken = JsonNode.Parse(real)!.AsObject();
        broken[field] = JsonNode.Parse(value);
        using var doc = JsonDocument.Parse(broken.ToJsonString());
        Assert.NotNull(EventSchemaCheck.Problems(doc.RootElement));
    }
}
