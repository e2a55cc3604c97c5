using System.Diagnostics;
using System.Text.Json;

namespace GenreStream.Host.Tests.Library;

/// <summary>Reading what a folder run printed: the file of each JSON line, error lines, progress lines.</summary>
internal static class LibraryRuns
{
    /// <summary>The <c>"file"</c> of each JSON result line.</summary>
    public static string[] Files(IEnumerable<string> jsonLines) =>
        [.. jsonLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("file").GetString()!)];

    /// <summary>The lines of standard error that are not progress.</summary>
    public static string[] Problems(IEnumerable<string> errorLines) =>
        [.. errorLines.Where(l => !IsProgress(l))];

    /// <summary>A progress line: <c>classify [####----] 12/40 files …</c>.</summary>
    public static bool IsProgress(string line) => line.StartsWith("classify [", StringComparison.Ordinal);

    /// <summary>The file a problem line names, taken from the known paths (they may hold ": ").</summary>
    public static string? FileOf(string problem, IEnumerable<string> paths) =>
        paths.Where(p => problem.StartsWith($"genre classify: {p}: ", StringComparison.Ordinal)).MaxBy(p => p.Length);

    /// <summary>Starts the real program with <paramref name="args"/>, its output read line by line into the queues.</summary>
    public static Process Start(IEnumerable<string> args, System.Collections.Concurrent.ConcurrentQueue<string> output, System.Collections.Concurrent.ConcurrentQueue<string> error)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "genre.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                error.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
