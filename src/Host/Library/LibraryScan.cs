namespace GenreStream.Host.Library;

/// <summary>
/// Turns the inputs of <c>classify</c> into the list of files to classify: a file stays as given; a folder becomes
/// every audio file below it (<see cref="AudioContent"/>), in ordinal order of path, so a run prints the same
/// order on every machine whatever the order of the file system.
/// </summary>
internal static class LibraryScan
{
    /// <summary>Expands <paramref name="inputs"/>; folders with no audio file are named in <paramref name="emptyFolders"/>.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> inputs, out IReadOnlyList<string> emptyFolders)
    {
        var files = new List<string>();
        var empty = new List<string>();
        foreach (var input in inputs)
        {
            if (!Directory.Exists(input))
            {
                files.Add(input);
                continue;
            }

            var found = FilesBelow(input).Where(AudioContent.IsAudio).ToList();
            found.Sort(StringComparer.Ordinal);
            if (found.Count == 0)
            {
                empty.Add(input);
            }

            files.AddRange(found);
        }

        emptyFolders = empty;
        return files;
    }

    /// <summary>Whether any input is a folder (a library run: progress, resume and tags make sense).</summary>
    public static bool HasFolder(IEnumerable<string> inputs) => inputs.Any(Directory.Exists);

    private static IEnumerable<string> FilesBelow(string folder)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
            ReturnSpecialDirectories = false,
        };

        // Hidden files (our own results database, temporary tag copies, macOS's ._ files) are not songs.
        return Directory.EnumerateFiles(folder, "*", options)
            .Where(f => !Path.GetFileName(f).StartsWith('.'));
    }
}
