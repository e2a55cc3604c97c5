using System.Diagnostics;

namespace GenreStream.TestSupport;

/// <summary>Runs one of the repository's shell scripts and fails with its output when it fails.</summary>
public static class ScriptRunner
{
    /// <summary>Runs <paramref name="script"/> with bash and <paramref name="arguments"/>; returns its standard output.</summary>
    public static string Run(string script, params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish in 5 minutes");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} exited with {process.ExitCode}: {error.Result}");
        }

        return output;
    }
}
