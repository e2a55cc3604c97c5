namespace GenreStream.Host.Cli;

/// <summary>Where a command reads and writes: the console for the program, writers and streams for tests.</summary>
/// <param name="Out">Standard output (results).</param>
/// <param name="Error">Standard error (one-line problems, progress).</param>
/// <param name="OpenStandardInput">Opens standard input as a binary stream (for <c>-</c>).</param>
/// <param name="ConfigDirectory">The folder holding <c>settings.json</c> and the bundled model.</param>
/// <param name="ErrorIsTerminal">Whether <paramref name="Error"/> is a terminal (progress is then drawn in place).</param>
/// <param name="OutIsTerminal">Whether <paramref name="Out"/> is a terminal (<c>listen</c> then shows its live view).</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error, Func<Stream> OpenStandardInput, string ConfigDirectory, bool ErrorIsTerminal = false, bool OutIsTerminal = false)
{
    /// <summary>The real console, with the config folder shipped beside the program (or <c>$GENRE_CONFIG_DIR</c>).</summary>
    /// <remarks>Standard output is written straight to its descriptor so that a failed write says why (<see cref="Outputs.StandardOutputStream"/>).</remarks>
    public static CliContext FromConsole() => new(
        Outputs.StandardOutputStream.OpenWriter(),
        Console.Error,
        Console.OpenStandardInput,
        Environment.GetEnvironmentVariable("GENRE_CONFIG_DIR") is { Length: > 0 } configured ? configured : Path.Combine(AppContext.BaseDirectory, "config"),
        !Console.IsErrorRedirected,
        !Console.IsOutputRedirected);

    /// <summary>A progress bar on this context's standard error.</summary>
    public Training.ProgressBar Progress() => new(Error, ErrorIsTerminal);
}
