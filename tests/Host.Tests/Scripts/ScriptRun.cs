using System.Diagnostics;

namespace GenreStream.Host.Tests.Scripts;

/// <summary>Runs a shell script of the repository as a person would, with extra environment, and collects what it printed.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class ScriptRun
{
    public sealed record Result(int ExitCode, string Out, string Error);

    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/>; <paramref name="environment"/> is added to this process's.</summary>
    public static Result Run(string script, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var process = Start(script, environment, arguments);
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(10)), $"{script} did not finish");
        return new Result(process.ExitCode, output, error.Result);
    }

    /// <summary>Writes an executable shell script.</summary>
    public static string WriteExecutable(string path, string text)
    {
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>Starts <paramref name="script"/> with <paramref name="arguments"/> and its standard streams redirected; <paramref name="environment"/> is added to this process's.</summary>
    public static Process Start(string script, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        return Process.Start(start)!;
    }
}
