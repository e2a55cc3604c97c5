using GenreStream.Host.Library;

namespace GenreStream.Host.Cli;

/// <summary>
/// <c>classify --write-tags</c>: after the results, each music file's genre in its tags, listed on standard error
/// (a dry run), or written with <c>--yes</c>. Standard output keeps the results alone.
/// </summary>
internal static class TagStep
{
    /// <summary>Lists or writes the tags; returns how many files could not be tagged.</summary>
    public static int Run(IReadOnlyList<(string File, string Genre)> music, bool write, CliContext context)
    {
        var failed = 0;
        var changes = 0;
        foreach (var (file, label) in music)
        {
            var genre = TagGenre.For(label);
            try
            {
                var now = TagWriter.Read(file);
                if (now == genre)
                {
                    continue;
                }

                changes++;
                if (write)
                {
                    TagWriter.Write(file, genre);
                    context.Error.WriteLine($"genre classify: tagged {file}: genre \"{now}\" -> \"{genre}\"");
                }
                else
                {
                    context.Error.WriteLine($"genre classify: would tag {file}: genre \"{now}\" -> \"{genre}\"");
                }
            }
            catch (TagException e)
            {
                failed++;
                context.Error.WriteLine($"genre classify: {file}: {ClassifyCommand.Problem(file, e.Message)}");
            }
        }

        context.Error.WriteLine(write
            ? $"genre classify: tags written in {changes} file{(changes == 1 ? string.Empty : "s")}"
            : $"genre classify: {changes} file{(changes == 1 ? string.Empty : "s")} would be tagged; nothing was written (add --yes to write them)");
        return failed;
    }
}
