using GenreStream.Host.Settings;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Settings;

/// <summary>The settings that say who may reach <c>genre serve</c>: <c>Serve:AllowedHosts</c>, <c>Serve:CorsOrigins</c>, <c>Serve:MediaFolders</c>.</summary>
public sealed class ServeAccessSettingsTests : SettingsFromJson
{
    [Fact]
    public void None_by_default_and_empty_lists_are_none()
    {
        var absent = From("{}");
        var empty = From("""{"Serve": {"AllowedHosts": [], "CorsOrigins": [], "MediaFolders": []}}""");
        foreach (var settings in new[] { absent, empty })
        {
            Assert.Empty(settings.AllowedHosts);
            Assert.Empty(settings.CorsOrigins);
            Assert.Empty(settings.MediaFolders);
        }
    }

    [Fact]
    public void Media_folders_are_full_paths_relative_to_the_config_folder_and_one_value_is_a_list_of_one()
    {
        var settings = From("""{"Serve": {"MediaFolders": ["music", "/srv/audio"], "AllowedHosts": "genre.local"}}""");
        Assert.Equal([Path.Combine(Config.Path, "music"), "/srv/audio"], settings.MediaFolders);
        Assert.Equal(["genre.local"], settings.AllowedHosts);
    }

    [Theory]
    [InlineData("""{"Serve": {"MediaFolders": [" "]}}""")]
    [InlineData("""{"Serve": {"AllowedHosts": ["genre.local/x"]}}""")]
    [InlineData("""{"Serve": {"AllowedHosts": ["two words"]}}""")]
    public void An_empty_folder_or_a_host_that_is_not_a_name_is_refused(string json)
    {
        var error = Assert.Throws<SettingsException>(() => From(json));
        Assert.Contains("Serve:", error.Message, StringComparison.Ordinal);
    }
}
