namespace GenreStream.Host;

internal static class Program
{
    private static int Main(string[] args)
    {
        // A live command runs in genre-live when it is beside this program (the smaller resident image).
        Cli.LiveProgram.HandOver(args);
        return Cli.GenreCli.Run(args);
    }
}
