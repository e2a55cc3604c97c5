using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace GenreStream.Host.Settings;

/// <summary>
/// Keys in <c>settings.json</c> or <c>GENRE_</c> variables that no setting reads (a misspelling, a setting of
/// another version), each with the nearest known key. The known keys are those <see cref="GenreSettings.From"/>
/// reads (<see cref="Reading"/> records them), so a new setting is known as soon as it is read, with no list to keep.
/// </summary>
internal static class UnknownSettings
{
    private const string Prefix = "GENRE_";

    /// <summary>A warning for every unknown key of <paramref name="configuration"/>, given the keys read from it.</summary>
    public static IReadOnlyList<string> Find(IConfiguration configuration, IReadOnlyCollection<string> known, string settingsFile)
    {
        var warnings = new List<string>();
        if (configuration is IConfigurationRoot root)
        {
            foreach (var key in root.Providers.OfType<SettingsJsonProvider>().SelectMany(p => p.Keys).Order(StringComparer.Ordinal))
            {
                if (!IsKnown(key, known))
                {
                    warnings.Add($"unknown setting {key} in {settingsFile} is ignored{Suggestion(key, known, k => k)}");
                }
            }
        }

        foreach (var name in Environment.GetEnvironmentVariables().Keys.OfType<string>().Where(n => n.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
        {
            var key = name[Prefix.Length..].Replace("__", ":", StringComparison.Ordinal);

            // GENRE_CONFIG_DIR, GENRE_SERVE_TOKEN, GENRE_MQTT_PASSWORD (and the tests' own) are variables, not settings:
            // a setting always names its section (GENRE_<Section>__<Key>); only a name in capitals is taken for one of those.
            if (!key.Contains(':', StringComparison.Ordinal) && key.All(c => !char.IsLower(c)))
            {
                continue;
            }

            if (!IsKnown(key, known))
            {
                warnings.Add($"unknown setting {name} (environment) is ignored{Suggestion(key, known, k => Prefix + k.Replace(":", "__", StringComparison.Ordinal))}");
            }
        }

        return warnings;
    }

    /// <summary>A key is known when it was read, lies under one that was (a list's items), or holds one that was (a section).</summary>
    private static bool IsKnown(string key, IReadOnlyCollection<string> known) =>
        known.Any(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)
            || key.StartsWith(k + ":", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase));

    private static string Suggestion(string key, IReadOnlyCollection<string> known, Func<string, string> spell)
    {
        var nearest = known.MinBy(k => Distance(key.ToUpperInvariant(), k.ToUpperInvariant()));
        return nearest is null ? string.Empty : $" (did you mean {spell(nearest)}?)";
    }

    /// <summary>Levenshtein distance: edits (insert, delete, replace) from <paramref name="a"/> to <paramref name="b"/>.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>A configuration that records every key read through it (values and sections asked for by name).</summary>
    internal sealed class Reading(IConfiguration inner) : IConfiguration
    {
        private readonly HashSet<string> _keys = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>Every key read so far.</summary>
        public IReadOnlyCollection<string> Keys => _keys;

        public string? this[string key]
        {
            get
            {
                _keys.Add(key);
                return inner[key];
            }

            set => inner[key] = value;
        }

        public IConfigurationSection GetSection(string key)
        {
            _keys.Add(key);
            return inner.GetSection(key);
        }

        public IEnumerable<IConfigurationSection> GetChildren() => inner.GetChildren();

        public IChangeToken GetReloadToken() => inner.GetReloadToken();
    }
}
