using System.Diagnostics.CodeAnalysis;

namespace GenreStream.Streaming.Sources;

/// <summary>The kinds of source a <see cref="SourceSpec"/> names.</summary>
public enum SourceKind
{
    /// <summary>Raw PCM on standard input (<c>-</c>).</summary>
    StandardInput,

    /// <summary>An audio file or a named pipe (<c>file:&lt;path&gt;</c>).</summary>
    File,

    /// <summary>What the computer is playing: the default output's monitor (<c>monitor</c>).</summary>
    Monitor,

    /// <summary>The default input (<c>mic</c>).</summary>
    Mic,

    /// <summary>A capture device by its audio server's name.</summary>
    Device,

    /// <summary>One application's audio by its process name or id (<c>app:&lt;name or pid&gt;</c>; Windows process loopback).</summary>
    App,

    /// <summary>An <c>http://</c> or <c>https://</c> stream (internet radio, a venue feed), decoded by ffmpeg.</summary>
    Url,
}

/// <summary>
/// What to listen to, parsed once from the text a user gives (<c>--source</c>, <c>Listen:Source</c>,
/// <c>POST /api/source</c>): <c>-</c>, <c>file:&lt;path&gt;</c>, <c>monitor</c>, <c>mic</c>, an <c>http(s)://</c> URL or a device name.
/// <see cref="ToString"/> gives that text back.
/// </summary>
public sealed record SourceSpec
{
    /// <summary>The text that means standard input.</summary>
    public const string StandardInputText = "-";

    /// <summary>The prefix of a file source.</summary>
    public const string FilePrefix = "file:";

    /// <summary>The prefix of one application's audio (process loopback, Windows).</summary>
    public const string AppPrefix = "app:";

    /// <summary>What a user may write, for messages.</summary>
    public const string Forms = "'monitor', 'mic', a device name, 'app:<name or pid>' (Windows), 'file:<path>', an http(s):// stream URL or '-' (raw PCM on standard input)";

    private SourceSpec(SourceKind kind, string? name)
    {
        Kind = kind;
        Name = name;
    }

    /// <summary>Raw PCM on standard input.</summary>
    public static SourceSpec StandardInput { get; } = new(SourceKind.StandardInput, null);

    /// <summary>The default output's monitor.</summary>
    public static SourceSpec Monitor { get; } = new(SourceKind.Monitor, null);

    /// <summary>The default input.</summary>
    public static SourceSpec Mic { get; } = new(SourceKind.Mic, null);

    /// <summary>What this source is.</summary>
    public SourceKind Kind { get; }

    /// <summary>The stream's URL (<see cref="SourceKind.Url"/>), the file's path (<see cref="SourceKind.File"/>), the device's name (<see cref="SourceKind.Device"/>) or the application's process name or id (<see cref="SourceKind.App"/>); null otherwise.</summary>
    public string? Name { get; }

    /// <summary>Whether the source is a capture device (delivering samples at their rate, possibly lost and recovered) rather than a file or standard input.</summary>
    public bool IsDevice => Kind is SourceKind.Monitor or SourceKind.Mic or SourceKind.Device or SourceKind.App;

    /// <summary>A file (or named pipe) at <paramref name="path"/>.</summary>
    public static SourceSpec File(string path) => new(SourceKind.File, Require(path, nameof(path)));

    /// <summary>The capture device the audio server calls <paramref name="name"/>.</summary>
    public static SourceSpec Device(string name) => new(SourceKind.Device, Require(name, nameof(name)));

    /// <summary>The <c>http://</c> or <c>https://</c> stream at <paramref name="url"/>.</summary>
    public static SourceSpec Url(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.Host.Length > 0
            ? new(SourceKind.Url, url.OriginalString)
            : throw new ArgumentException("must be an absolute http:// or https:// URL", nameof(url));
    }

    /// <summary>The audio of the application whose process name or id is <paramref name="nameOrId"/>.</summary>
    public static SourceSpec App(string nameOrId) => new(SourceKind.App, Require(nameOrId, nameof(nameOrId)));

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says in one line what is wrong and what would do.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SourceSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"the source is empty: name {Forms}";
            return false;
        }

        if (text.Any(char.IsControl))
        {
            error = $"the source must not contain control characters: name {Forms}";
            return false;
        }

        if (text.StartsWith(FilePrefix, StringComparison.Ordinal))
        {
            var path = text[FilePrefix.Length..];
            if (string.IsNullOrWhiteSpace(path))
            {
                error = "'file:' needs a path after it, as in file:/music/song.wav";
                return false;
            }

            spec = File(path);
        }
        else if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Host.Length == 0 || text.Any(char.IsWhiteSpace))
            {
                error = $"'{text}' is not a valid stream URL: write it as http://host[:port]/path or https://…";
                return false;
            }

            spec = Url(url);
        }
        else if (text.StartsWith(AppPrefix, StringComparison.Ordinal))
        {
            var app = text[AppPrefix.Length..];
            if (string.IsNullOrWhiteSpace(app))
            {
                error = "'app:' needs a process name or id after it, as in app:spotify or app:4242";
                return false;
            }

            spec = App(app);
        }
        else
        {
            spec = text switch
            {
                StandardInputText => StandardInput,
                "monitor" => Monitor,
                "mic" => Mic,
                _ => Device(text),
            };
        }

        error = null;
        return true;
    }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">The text names no source; the message says why in one line.</exception>
    public static SourceSpec Parse(string? text) =>
        TryParse(text, out var spec, out var error) ? spec : throw new FormatException(error);

    /// <summary>The source as a user writes it (<c>-</c>, <c>file:&lt;path&gt;</c>, <c>monitor</c>, <c>mic</c> or the device's name).</summary>
    public override string ToString() => Kind switch
    {
        SourceKind.StandardInput => StandardInputText,
        SourceKind.File => FilePrefix + Name,
        SourceKind.Monitor => "monitor",
        SourceKind.Mic => "mic",
        SourceKind.App => AppPrefix + Name,
        _ => Name!, // a device's name or a stream's URL, as given
    };

    /// <summary>The source as people see it (logs, pages, the API): <see cref="ToString"/>, but a stream URL without the password in it.</summary>
    public string Shown => Kind == SourceKind.Url ? Redacted(new Uri(Name!)) : ToString();

    /// <summary><paramref name="url"/> without user name and password, as given otherwise.</summary>
    internal static string Redacted(Uri url) =>
        url.UserInfo.Length == 0 ? url.OriginalString : new UriBuilder(url) { UserName = string.Empty, Password = string.Empty }.Uri.AbsoluteUri;

    private static string Require(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("must not be empty", name) : value;
}
