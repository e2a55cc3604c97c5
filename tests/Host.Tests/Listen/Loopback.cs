using System.Text.Json;
using GenreStream.Host.Tests.Cli;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Listen;

/// <summary>Plays a clip into a server's sink with <c>paplay</c> while <c>genre listen --json</c> records the sink's monitor.</summary>
internal static class Loopback
{
    /// <summary>Runs <c>genre listen --json</c> with <paramref name="arguments"/> while <paramref name="clip"/> plays into <paramref name="sink"/>.</summary>
    public static (CliRunner.Result Result, JsonElement[] Events) Listen(AudioServer server, string clip, string sink, params string[] arguments)
    {
        using var player = server.Play(clip, sink);
        var result = CliRunner.Run(["listen", "--server", server.Server, "--json", .. arguments]);
        Assert.True(result.ExitCode == 0, result.Error);
        return (result, result.OutLines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray());
    }

    /// <summary>The genre events among <paramref name="events"/>.</summary>
    public static JsonElement[] Genres(JsonElement[] events) =>
        events.Where(e => e.GetProperty("type").GetString() == "genre").ToArray();

    /// <summary>The top smoothed genre most events name.</summary>
    public static string? Majority(JsonElement[] genres) =>
        genres.GroupBy(g => g.GetProperty("top").GetString()).MaxBy(g => g.Count())!.Key;

    /// <summary>What <c>genre classify</c> says of the whole clip.</summary>
    public static string? Offline(string clip)
    {
        using var offline = JsonDocument.Parse(CliRunner.Run(["classify", "--json", clip]).OutLines[0]);
        return offline.RootElement.GetProperty("genre").GetString();
    }
}
