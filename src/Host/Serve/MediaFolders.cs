namespace GenreStream.Host.Serve;

/// <summary>
/// The folders whose files a web client may choose as the source (<c>Serve:MediaFolders</c>; none by
/// default). A path is judged by where it really leads: every symbolic link and <c>..</c> is followed in
/// order, as the kernel would, before it is compared with the folders (also resolved).
/// </summary>
internal sealed class MediaFolders(IReadOnlyList<string> folders)
{
    /// <summary>Symbolic links followed in one path before giving up (Linux's own limit).</summary>
    private const int MaxLinks = 40;

    /// <summary>
    /// The real path of <paramref name="path"/> when it is an existing file (or named pipe) inside one of the
    /// folders; otherwise null, whether it is outside, missing or unreadable, so a caller cannot tell which.
    /// </summary>
    public string? Find(string path)
    {
        if (folders.Count == 0 || !Path.IsPathFullyQualified(path))
        {
            return null;
        }

        var links = 0;
        var real = RealPath(path, ref links);
        if (real is null || !File.Exists(real))
        {
            return null;
        }

        foreach (var folder in folders)
        {
            var folderLinks = 0;
            if (RealPath(folder, ref folderLinks) is { } root && real.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal))
            {
                return real;
            }
        }

        return null;
    }

    /// <summary>The path with every link and <c>.</c>/<c>..</c> resolved, component by component; null if some part is missing.</summary>
    private static string? RealPath(string path, ref int links)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = "/";
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }

            var next = Path.Join(current, part);
            string? target;
            try
            {
                if (!File.Exists(next) && !Directory.Exists(next))
                {
                    return null;
                }

                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            // Resolve the link's target (relative to the link's folder), then the rest of the path after it.
            var rest = string.Join('/', parts.AsSpan(i + 1));
            return RealPath(Path.Join(target.StartsWith('/') ? target : Path.Join(current, target), rest), ref links);
        }

        return current;
    }
}
