namespace GenreStream.TestSupport;

/// <summary>A fresh directory under the system temp folder, deleted with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("genrestream-").FullName;
    }

    public string Path { get; }

    /// <summary>Full path of <paramref name="name"/> inside the directory.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="name"/> and returns its full path.</summary>
    public string Write(string name, byte[] bytes)
    {
        var path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Makes the named pipe (<c>mkfifo</c>) <paramref name="name"/> and returns its full path; skips the test where mkfifo is missing.</summary>
    public string NamedPipe(string name)
    {
        Requires.Available(System.IO.File.Exists("/usr/bin/mkfifo") ? null : "mkfifo is missing (coreutils)");
        var path = File(name);
        using var mkfifo = System.Diagnostics.Process.Start("/usr/bin/mkfifo", [path]);
        mkfifo.WaitForExit();
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
