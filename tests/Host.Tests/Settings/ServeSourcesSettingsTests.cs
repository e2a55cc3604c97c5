using GenreStream.Host.Settings;
using GenreStream.Streaming.Sources;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Settings;

/// <summary><c>Serve:Sources</c>: <c>genre serve</c>'s named streams in settings, every problem named at once.</summary>
public sealed class ServeSourcesSettingsTests : SettingsFromJson
{
    [Fact]
    public void Named_streams_are_read_in_order_and_none_by_default()
    {
        Assert.Empty(From("{}").Sources);
        var settings = From("""{"Serve": {"Sources": ["kitchen=monitor", "radio=https://radio.example/live.mp3"]}}""");
        Assert.Equal(["kitchen", "radio"], settings.Sources.Select(s => s.Name));
        Assert.Equal(SourceKind.Monitor, settings.Sources[0].Source.Kind);
        Assert.Equal(SourceKind.Url, settings.Sources[1].Source.Kind);
    }

    [Fact]
    public void An_unnamed_a_repeated_and_a_badly_named_source_are_all_named_in_one_error()
    {
        var error = Assert.Throws<SettingsException>(() => From("""{"Serve": {"Sources": ["monitor", "a=mic", "a=monitor", "Big=mic"], "Port": 0}}"""));
        Assert.Contains("'monitor' needs a name", error.Message, StringComparison.Ordinal);
        Assert.Contains("'a' given more than once", error.Message, StringComparison.Ordinal);
        Assert.Contains("stream name 'Big'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Serve:Port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sources_must_be_a_list_of_strings()
    {
        var error = Assert.Throws<SettingsException>(() => From("""{"Serve": {"Sources": [{"name": "a"}]}}"""));
        Assert.Contains("Serve:Sources must be a list of strings", error.Message, StringComparison.Ordinal);
    }
}
