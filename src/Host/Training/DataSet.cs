using System.Globalization;
using GenreStream.Model.Files;

namespace GenreStream.Host.Training;

/// <summary>
/// A labelled set of recordings, read from a folder laid out <c>&lt;genre&gt;/&lt;file&gt;</c> or from a
/// TSV file with <c>path</c> and <c>genre</c> columns (optionally <c>fold</c>, <c>group</c> and <c>artist</c>:
/// without a group, a clip's artist is its group, <c>artist:&lt;name in lower case&gt;</c> as in GTZAN's folds; other
/// columns are ignored; paths are relative to the TSV's folder). A clip's data set is the first folder of its
/// path (<c>gtzan</c>, <c>emotify</c>), or the TSV's or folder's name.
/// </summary>
internal sealed class DataSet
{
    private static readonly HashSet<string> AudioExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".wav", ".wave", ".au", ".snd", ".flac", ".ogg", ".oga", ".opus", ".mp3", ".m4a", ".aac", ".aif", ".aiff", ".wma", ".webm", ".mka",
    };

    private DataSet(IReadOnlyList<LabelledClip> clips) => Clips = clips;

    /// <summary>Whether a file name has an audio extension this project reads (directly or through ffmpeg).</summary>
    public static bool IsAudioFileName(string path) => AudioExtensions.Contains(Path.GetExtension(path)) && !Path.GetFileName(path).StartsWith('.');

    public IReadOnlyList<LabelledClip> Clips { get; }

    /// <summary>The labels in the set, in ordinal order.</summary>
    public IReadOnlyList<string> Labels => Clips.Select(c => c.Genre).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Reads and concatenates every source (folders or TSV files); all problems are reported together.</summary>
    public static DataSet Load(IEnumerable<string> sources)
    {
        var clips = new List<LabelledClip>();
        var errors = new List<string>();
        foreach (var source in sources)
        {
            if (Directory.Exists(source))
            {
                clips.AddRange(FromFolder(source, errors));
            }
            else if (File.Exists(source))
            {
                clips.AddRange(FromTsv(source, errors));
            }
            else
            {
                errors.Add($"{source}: no such file or folder");
            }
        }

        if (errors.Count == 0 && clips.Count == 0)
        {
            errors.Add("the data set has no clips");
        }

        foreach (var duplicate in clips.GroupBy(c => c.Path, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"{duplicate.First().Name} is listed {duplicate.Count()} times");
        }

        if (errors.Count > 0)
        {
            throw new DataSetException(string.Join("; ", errors.Take(20)) + (errors.Count > 20 ? $"; and {errors.Count - 20} more" : string.Empty));
        }

        return new DataSet(clips);
    }

    private static List<LabelledClip> FromFolder(string folder, List<string> errors)
    {
        var found = new List<LabelledClip>();
        foreach (var genreFolder in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            var genre = Path.GetFileName(genreFolder);
            if (genre.StartsWith('.'))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(genreFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (IsAudioFileName(file))
                {
                    found.Add(new LabelledClip(Path.GetFullPath(file), Path.GetRelativePath(folder, file), genre, null, null, Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)))));
                }
            }
        }

        if (found.Count == 0)
        {
            errors.Add($"{folder}: no audio files in <genre>/<file> subfolders");
        }

        return found;
    }

    private static List<LabelledClip> FromTsv(string tsv, List<string> errors)
    {
        string[] lines;
        try
        {
            lines = FileLimits.ReadAllText(tsv, FileLimits.DataListBytes, "a data list").ReplaceLineEndings("\n").Split('\n');
            lines = lines.Length > 0 && lines[^1].Length == 0 ? lines[..^1] : lines;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{tsv}: {e.Message}");
            return [];
        }

        if (lines.Length == 0)
        {
            errors.Add($"{tsv}: empty file");
            return [];
        }

        var header = lines[0].Split('\t').Select(h => h.Trim()).ToList();
        int path = header.IndexOf("path"), genre = header.IndexOf("genre"), fold = header.IndexOf("fold"), group = header.IndexOf("group"), artist = header.IndexOf("artist");
        if (path < 0 || genre < 0)
        {
            errors.Add($"{tsv}: the header needs 'path' and 'genre' columns (tab-separated), found: {string.Join(", ", header)}");
            return [];
        }

        var root = Path.GetDirectoryName(Path.GetFullPath(tsv))!;
        var clips = new List<LabelledClip>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var cells = lines[i].Split('\t');
            string Cell(int column) => column >= 0 && column < cells.Length ? cells[column].Trim() : string.Empty;
            var where = $"{tsv} line {i + 1}";
            var relative = Cell(path);
            var label = Cell(genre);
            if (relative.Length == 0 || label.Length == 0)
            {
                errors.Add($"{where}: empty path or genre");
                continue;
            }

            int? foldValue = null;
            if (fold >= 0 && Cell(fold).Length > 0)
            {
                if (!int.TryParse(Cell(fold), NumberStyles.Integer, CultureInfo.InvariantCulture, out var f) || f < 0)
                {
                    errors.Add($"{where}: fold '{Cell(fold)}' is not a whole number >= 0");
                    continue;
                }

                foldValue = f;
            }

            var full = Path.GetFullPath(Path.Combine(root, relative));
            if (!File.Exists(full))
            {
                errors.Add($"{where}: {relative} not found");
                continue;
            }

            var groupValue = group >= 0 && Cell(group).Length > 0 ? Cell(group)
                : artist >= 0 && Cell(artist).Length > 0 ? "artist:" + Cell(artist).ToLowerInvariant()
                : null;
            var firstFolder = relative.Replace('\\', '/').Split('/');
            var dataSet = firstFolder.Length > 1 ? firstFolder[0] : Path.GetFileNameWithoutExtension(tsv);
            clips.Add(new LabelledClip(full, relative, label, foldValue, groupValue, dataSet));
        }

        return clips;
    }
}
