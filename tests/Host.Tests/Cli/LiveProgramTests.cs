using GenreStream.Host.Cli;

namespace GenreStream.Host.Tests.Cli;

/// <summary>
/// <see cref="LiveProgram"/>'s lists of commands decide which program runs a command (the hand-over) and what
/// genre-live refuses; they must name every command of the full program, each once.
/// </summary>
public sealed class LiveProgramTests
{
    [Fact]
    public void The_live_and_the_full_only_commands_are_together_exactly_the_commands_of_genre()
    {
        var help = CliRunner.Run(["--help"]);
        Assert.Equal(0, help.ExitCode);

        // "Commands:" then one line per command, its name first ("  classify <inputs>  Print …").
        var listed = help.OutLines.SkipWhile(l => l.Trim() != "Commands:").Skip(1)
            .Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !char.IsWhiteSpace(l[2]))
            .Select(l => l.Trim().Split(' ')[0])
            .ToArray();

        Assert.NotEmpty(listed);
        Assert.Empty(LiveProgram.Commands.Intersect(LiveProgram.FullCommands));
        Assert.Equal(listed.Order(StringComparer.Ordinal), LiveProgram.Commands.Concat(LiveProgram.FullCommands).Order(StringComparer.Ordinal));
    }
}
