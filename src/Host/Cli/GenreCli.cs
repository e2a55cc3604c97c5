namespace GenreStream.Host.Cli;

/// <summary>The <c>genre</c> command line: parses arguments and dispatches to a command.</summary>
internal static class GenreCli
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("genre: not built yet");
        return args.Length == 0 ? 2 : 2;
    }
}
