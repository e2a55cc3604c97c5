using System.Diagnostics.CodeAnalysis;
using GenreStream.Streaming.Sources;

namespace GenreStream.Host.Serve;

/// <summary>
/// One named source of <c>genre serve</c>: <c>--source name=&lt;source&gt;</c> (repeatable) or an item <c>name=&lt;source&gt;</c> of
/// <c>Serve:Sources</c>. A source given without a name is the stream <see cref="DefaultName"/>, whose MQTT topics and OSC
/// addresses stay those of a single-source service; a named stream's carry its name.
/// </summary>
/// <param name="Name">1 to <see cref="MaxNameLength"/> lower-case letters, digits, <c>_</c> or <c>-</c>, starting with a letter or digit.</param>
/// <param name="Source">What it listens to.</param>
/// <param name="Named">Whether the user named it (false for the one unnamed source).</param>
internal sealed record ServedStream(string Name, SourceSpec Source, bool Named = true)
{
    /// <summary>The name of a source given without one.</summary>
    public const string DefaultName = "default";

    /// <summary>Longest stream name.</summary>
    public const int MaxNameLength = 32;

    /// <summary>Most streams one service runs.</summary>
    public const int MaxStreams = 64;

    /// <summary>The name as a Home Assistant node id part and an MQTT/OSC path element (<c>-</c> as <c>_</c>).</summary>
    public string Key => Name.Replace('-', '_');

    /// <summary>Whether <paramref name="name"/> can name a stream.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= MaxNameLength
        && (char.IsAsciiLetterLower(name[0]) || char.IsAsciiDigit(name[0]))
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-');

    /// <summary>
    /// Parses <c>name=&lt;source&gt;</c>, or a bare source (named <see cref="DefaultName"/>, unnamed). Text whose part before the first
    /// <c>=</c> is not a stream name (a path, a URL with a query) is a bare source.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ServedStream? stream, [NotNullWhen(false)] out string? error)
    {
        stream = null;
        var equals = text?.IndexOf('=', StringComparison.Ordinal) ?? -1;
        var head = equals > 0 ? text![..equals] : null;
        if (head is not null && head.All(c => char.IsAsciiLetter(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
        {
            if (!IsValidName(head))
            {
                error = $"stream name '{head}' must be 1 to {MaxNameLength} lower-case letters, digits, '_' or '-', starting with a letter or digit (e.g. kitchen=monitor)";
                return false;
            }

            if (!SourceSpec.TryParse(text![(equals + 1)..], out var named, out error))
            {
                error = $"stream '{head}': {error}";
                return false;
            }

            stream = new ServedStream(head, named);
            return true;
        }

        if (!SourceSpec.TryParse(text, out var source, out error))
        {
            return false;
        }

        stream = new ServedStream(DefaultName, source, Named: false);
        return true;
    }

    /// <summary>Every problem with a set of streams: repeated names (also after <c>-</c> becomes <c>_</c>), an unnamed source beside others, too many, standard input more than once.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<ServedStream> streams)
    {
        var errors = new List<string>();
        if (streams.Count > MaxStreams)
        {
            errors.Add($"{streams.Count} streams: one service runs at most {MaxStreams}");
        }

        if (streams.Count > 1 && streams.Any(s => !s.Named))
        {
            errors.Add("with several sources, name each one: --source name=<source> (e.g. --source kitchen=monitor --source radio=https://…)");
        }

        foreach (var twice in streams.GroupBy(s => s.Key).Where(g => g.Count() > 1))
        {
            errors.Add($"stream name{(twice.Select(s => s.Name).Distinct().Count() > 1 ? "s" : string.Empty)} {string.Join(" and ", twice.Select(s => $"'{s.Name}'").Distinct())} given more than once{(twice.Select(s => s.Name).Distinct().Count() > 1 ? " ('-' and '_' are the same in MQTT and OSC names)" : string.Empty)}");
        }

        if (streams.Count(s => s.Source.Kind == SourceKind.StandardInput) > 1)
        {
            errors.Add("standard input ('-') can feed only one stream");
        }

        return errors;
    }
}
