namespace GenreStream.Host;

internal static class Program
{
    private static int Main(string[] args) => Cli.GenreCli.Run(args);
}
