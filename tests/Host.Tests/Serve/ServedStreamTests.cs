using GenreStream.Host.Serve;
using GenreStream.Streaming.Sources;

namespace GenreStream.Host.Tests.Serve;

/// <summary><c>--source name=&lt;source&gt;</c> and <c>Serve:Sources</c>: names, bare sources, URLs, and the set's problems together.</summary>
public sealed class ServedStreamTests
{
    [Theory]
    [InlineData("kitchen=monitor", "kitchen", "monitor", true)]
    [InlineData("radio-1=https://radio.example/live.mp3?x=1", "radio-1", "https://radio.example/live.mp3?x=1", true)]
    [InlineData("monitor", "default", "monitor", false)]
    [InlineData("file:/music/a=b.flac", "default", "file:/music/a=b.flac", false)]
    [InlineData("http://host/stream?id=3", "default", "http://host/stream?id=3", false)]
    [InlineData("hall=file:/x/y.wav", "hall", "file:/x/y.wav", true)]
    public void Parses_a_name_and_a_source(string text, string name, string source, bool named)
    {
        Assert.True(ServedStream.TryParse(text, out var stream, out var error), error);
        Assert.Equal(name, stream.Name);
        Assert.Equal(source, stream.Source.ToString());
        Assert.Equal(named, stream.Named);
    }

    [Theory]
    [InlineData("Kitchen=monitor", "stream name 'Kitchen'")]
    [InlineData("-x=monitor", "stream name '-x'")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=monitor", "1 to 32")]
    [InlineData("radio=", "stream 'radio': the source is empty")]
    [InlineData("radio=http://", "not a valid stream URL")]
    [InlineData("radio=https:// spaces.example/", "not a valid stream URL")]
    public void Refuses_bad_names_and_sources_saying_why(string text, string message)
    {
        Assert.False(ServedStream.TryParse(text, out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_source_is_its_own_kind_and_keeps_its_text()
    {
        var spec = SourceSpec.Parse("HTTPS://Radio.Example:8000/live");
        Assert.Equal(SourceKind.Url, spec.Kind);
        Assert.Equal("HTTPS://Radio.Example:8000/live", spec.ToString());
        Assert.False(spec.IsDevice);
        Assert.Throws<ArgumentException>(() => SourceSpec.Url(new Uri("ftp://host/x")));

        // Shown (logs, pages, the API) without the password; the text given keeps it.
        var secret = SourceSpec.Parse("https://user:secret@radio.example/live.mp3");
        Assert.Equal("https://radio.example/live.mp3", secret.Shown);
        Assert.Equal("https://user:secret@radio.example/live.mp3", secret.ToString());
        Assert.Equal("file:/a.wav", SourceSpec.Parse("file:/a.wav").Shown);
    }

    [Fact]
    public void Every_problem_of_a_set_is_reported_together()
    {
        var streams = new[]
        {
            new ServedStream("a-b", SourceSpec.Monitor),
            new ServedStream("a_b", SourceSpec.Mic),
            new ServedStream(ServedStream.DefaultName, SourceSpec.StandardInput, Named: false),
            new ServedStream("in", SourceSpec.StandardInput),
        };
        var problems = ServedStream.Validate(streams);
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("name each one", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'a-b' and 'a_b'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("standard input", StringComparison.Ordinal));
        Assert.Empty(ServedStream.Validate([new ServedStream("a", SourceSpec.Monitor), new ServedStream("b", SourceSpec.Mic)]));
    }
}
