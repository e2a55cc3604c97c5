using System.Text.RegularExpressions;

namespace GenreStream.Host.Tests.Listen.View;

/// <summary>Reads the genre bars back from the live view's screen lines ("│      rock  ████ 78%   │").</summary>
internal static partial class BarLines
{
    /// <summary>The genres in the order of their bar lines.</summary>
    public static string[] Order(IEnumerable<string> lines) =>
        lines.Select(l => Bar().Match(l)).Where(m => m.Success).Select(m => m.Groups["genre"].Value).ToArray();

    [GeneratedRegex(@"^│\s+(?<genre>[a-z]+)\s+█*\s*\d+%\s*│$")]
    private static partial Regex Bar();
}
