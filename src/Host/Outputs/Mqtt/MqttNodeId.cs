using System.Security.Cryptography;
using System.Text;

namespace GenreStream.Host.Outputs.Mqtt;

/// <summary>
/// This installation's id in Home Assistant (<c>Mqtt:NodeId</c>), part of every <c>unique_id</c>, entity id and the
/// device identifier, so two machines on the default settings do not overwrite each other's entities.
/// </summary>
internal static class MqttNodeId
{
    /// <summary>The longest node id (Home Assistant entity ids stay readable).</summary>
    public const int MaxLength = 64;

    /// <summary>
    /// The default: <c>genre_</c> and 12 hex digits of a hash of <c>/etc/machine-id</c> (the id itself is private to the
    /// machine, so it is not published), or the host name where there is no machine id; plus the topic prefix when it is
    /// not <c>genre</c>, so two instances on one machine with different prefixes stay apart.
    /// </summary>
    public static string Default(string prefix, string machineIdFile = "/etc/machine-id")
    {
        var machine = ReadMachineId(machineIdFile);
        var node = machine is null
            ? "genre_" + Sanitise(Environment.MachineName)
            : "genre_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("genre-stream:" + machine)))[..12];
        var topic = Sanitise(prefix);
        node = topic is "genre" or "" ? node : $"{node}_{topic}";
        return node.Length > MaxLength ? node[..MaxLength] : node;
    }

    /// <summary>Lower-case letters, digits and underscores (what Home Assistant allows in an entity id), runs of anything else as one underscore.</summary>
    public static string Sanitise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        return builder.ToString().Trim('_');
    }

    /// <summary>Whether <paramref name="nodeId"/> may be used as it is: 1 to 64 lower-case letters, digits and underscores.</summary>
    public static bool IsValid(string nodeId) =>
        nodeId.Length is > 0 and <= MaxLength && nodeId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    private static string? ReadMachineId(string file)
    {
        try
        {
            var id = File.Exists(file) ? File.ReadAllText(file).Trim() : null;
            return string.IsNullOrEmpty(id) ? null : id;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
