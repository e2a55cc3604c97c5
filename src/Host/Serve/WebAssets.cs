using System.Reflection;

namespace GenreStream.Host.Serve;

/// <summary>
/// The web page's files, embedded in the program: a fixed table from URL path to resource, so no path
/// from a request ever reaches the file system, and nothing comes from a CDN.
/// </summary>
internal static class WebAssets
{
    private static readonly Dictionary<string, (string Resource, string ContentType)> Table = new(StringComparer.Ordinal)
    {
        ["/"] = ("web/index.html", "text/html; charset=utf-8"),
        ["/app.js"] = ("web/app.js", "text/javascript; charset=utf-8"),
        ["/app.css"] = ("web/app.css", "text/css; charset=utf-8"),
        ["/palette.js"] = ("web/palette.js", "text/javascript; charset=utf-8"),
        ["/favicon.svg"] = ("web/favicon.svg", "image/svg+xml"),
        ["/overlay"] = ("web/overlay.html", "text/html; charset=utf-8"),
        ["/overlay.js"] = ("web/overlay.js", "text/javascript; charset=utf-8"),
        ["/overlay.css"] = ("web/overlay.css", "text/css; charset=utf-8"),
    };

    private static readonly Dictionary<string, byte[]> Cache = Table.Values.ToDictionary(v => v.Resource, v => Read(v.Resource));

    /// <summary>The URL paths served.</summary>
    public static IEnumerable<string> Paths => Table.Keys;

    /// <summary>The file at <paramref name="path"/>, or null.</summary>
    public static (byte[] Content, string ContentType)? Find(string path) =>
        Table.TryGetValue(path, out var entry) ? (Cache[entry.Resource], entry.ContentType) : null;

    private static byte[] Read(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the web page resource {resource} is missing from the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
