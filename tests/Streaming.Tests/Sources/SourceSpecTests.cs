using GenreStream.Streaming.Sources;

namespace GenreStream.Streaming.Tests.Sources;

public class SourceSpecTests
{
    [Theory]
    [InlineData("-", SourceKind.StandardInput, null)]
    [InlineData("monitor", SourceKind.Monitor, null)]
    [InlineData("mic", SourceKind.Mic, null)]
    [InlineData("file:/music/song.wav", SourceKind.File, "/music/song.wav")]
    [InlineData("file:relative dir/a b.flac", SourceKind.File, "relative dir/a b.flac")]
    [InlineData("file:file:odd", SourceKind.File, "file:odd")]
    [InlineData("alsa_output.pci-0000_00_1f.3.analog-stereo.monitor", SourceKind.Device, "alsa_output.pci-0000_00_1f.3.analog-stereo.monitor")]
    [InlineData("Monitor", SourceKind.Device, "Monitor")]
    [InlineData("microphone", SourceKind.Device, "microphone")]
    [InlineData("app:spotify", SourceKind.App, "spotify")]
    [InlineData("app:4242", SourceKind.App, "4242")]
    public void Every_form_parses_and_prints_back_as_written(string text, SourceKind kind, string? name)
    {
        Assert.True(SourceSpec.TryParse(text, out var spec, out var error), error);
        Assert.Equal(kind, spec.Kind);
        Assert.Equal(name, spec.Name);
        Assert.Equal(text, spec.ToString());
        Assert.Equal(spec, SourceSpec.Parse(text));
    }

    [Fact]
    public void Only_devices_are_devices()
    {
        Assert.True(SourceSpec.Monitor.IsDevice);
        Assert.True(SourceSpec.Mic.IsDevice);
        Assert.True(SourceSpec.Device("x").IsDevice);
        Assert.False(SourceSpec.StandardInput.IsDevice);
        Assert.False(SourceSpec.File("/a.wav").IsDevice);
    }

    [Fact]
    public void Equal_sources_are_equal()
    {
        Assert.Equal(SourceSpec.File("/a.wav"), SourceSpec.Parse("file:/a.wav"));
        Assert.NotEqual(SourceSpec.File("monitor"), SourceSpec.Monitor);
        Assert.NotEqual(SourceSpec.Device("mic"), SourceSpec.File("mic"));
    }

    [Theory]
    [InlineData(null, "the source is empty: name 'monitor', 'mic', a device name, 'app:<name or pid>' (Windows), 'file:<path>', an http(s):// stream URL or '-' (raw PCM on standard input)")]
    [InlineData("", "the source is empty: name 'monitor', 'mic', a device name, 'app:<name or pid>' (Windows), 'file:<path>', an http(s):// stream URL or '-' (raw PCM on standard input)")]
    [InlineData("   ", "the source is empty: name 'monitor', 'mic', a device name, 'app:<name or pid>' (Windows), 'file:<path>', an http(s):// stream URL or '-' (raw PCM on standard input)")]
    [InlineData("file:", "'file:' needs a path after it, as in file:/music/song.wav")]
    [InlineData("file:  ", "'file:' needs a path after it, as in file:/music/song.wav")]
    [InlineData("app:", "'app:' needs a process name or id after it, as in app:spotify or app:4242")]
    [InlineData("http://", "'http://' is not a valid stream URL: write it as http://host[:port]/path or https://…")]
    [InlineData("https://radio example/", "'https://radio example/' is not a valid stream URL: write it as http://host[:port]/path or https://…")]
    [InlineData("mon\nitor", "the source must not contain control characters: name 'monitor', 'mic', a device name, 'app:<name or pid>' (Windows), 'file:<path>', an http(s):// stream URL or '-' (raw PCM on standard input)")]
    [InlineData("file:/a\0b", "the source must not contain control characters: name 'monitor', 'mic', a device name, 'app:<name or pid>' (Windows), 'file:<path>', an http(s):// stream URL or '-' (raw PCM on standard input)")]
    public void A_text_that_names_no_source_gets_one_line_saying_why(string? text, string message)
    {
        Assert.False(SourceSpec.TryParse(text, out var spec, out var error));
        Assert.Null(spec);
        Assert.Equal(message, error);
        Assert.DoesNotContain('\n', error);
        Assert.Equal(message, Assert.Throws<FormatException>(() => SourceSpec.Parse(text)).Message);
    }

    [Fact]
    public void Built_sources_refuse_an_empty_name()
    {
        Assert.Throws<ArgumentException>(() => SourceSpec.File(" "));
        Assert.Throws<ArgumentException>(() => SourceSpec.Device(""));
    }
}
