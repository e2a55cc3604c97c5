using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace GenreStream.Host.Cli;

/// <summary>
/// The live program, <c>genre-live</c>: the same sources published a second time with the feature switch
/// <see cref="Switch"/> on (<c>-p:GenreLiveProgram=true</c>), so that the native compiler leaves out the library,
/// training and cluster commands (<c>classify</c>, <c>train</c>, <c>evaluate</c>, <c>bench</c>, <c>worker</c>) and
/// everything only they use: SQLite, TagLib, NATS. What a long-running <c>listen</c> or <c>serve</c> keeps resident
/// grows with every type and method compiled into the program (its type data is expanded at start whatever the
/// command), so the live commands run in the smaller program. <c>scripts/genre</c> publishes it beside
/// <c>genre</c>, and <c>genre listen|serve|tray|devices|schema</c> hands over to it (<see cref="HandOver"/>):
/// the command line, standard streams, environment and process id stay the same.
/// </summary>
internal static partial class LiveProgram
{
    /// <summary>The feature switch (an <c>AppContext</c> switch, substituted as a constant by the native compiler).</summary>
    public const string Switch = "GenreStream.Host.LiveProgram";

    /// <summary>The live program's file name, beside <c>genre</c>.</summary>
    public const string FileName = "genre-live";

    /// <summary>Set to 1 to keep every command in the program that was started (no hand-over).</summary>
    public const string OneProgramVariable = "GENRE_ONE_PROGRAM";

    /// <summary>The commands of the live program.</summary>
    public static IReadOnlyList<string> Commands { get; } = ["listen", "serve", "tray", "devices", "schema"];

    /// <summary>The commands only the full program has.</summary>
    public static IReadOnlyList<string> FullCommands { get; } = ["classify", "train", "evaluate", "bench", "worker"];

    /// <summary>Whether this is the live program (the library, training and cluster commands compiled out).</summary>
    [FeatureSwitchDefinition(Switch)]
    public static bool IsLive => AppContext.TryGetSwitch(Switch, out var on) && on;

    /// <summary>
    /// When <paramref name="args"/> run a live command and <c>genre-live</c> is beside this program, replaces this
    /// process with it (<c>execv</c>: nothing of this program stays resident) and does not return. Otherwise, or if
    /// the exec fails, returns and the command runs here.
    /// </summary>
    public static void HandOver(string[] args)
    {
        if (IsLive || args.Length == 0 || !Commands.Contains(args[0]) || !OperatingSystem.IsLinux()
            || Environment.GetEnvironmentVariable(OneProgramVariable) == "1" || Environment.ProcessPath is not { } self)
        {
            return;
        }

        var live = Path.Combine(Path.GetDirectoryName(self)!, FileName);
        if (!File.Exists(live))
        {
            return;
        }

        var argv = new string?[args.Length + 2];
        argv[0] = live;
        args.CopyTo(argv, 1);
        Exec(live, argv);

        // Still here: the exec failed (not executable, say). The full program runs the command itself.
    }

    /// <summary>The line for a command that is only in the full program, run in <c>genre-live</c>.</summary>
    public static string NotHere(string command) =>
        $"genre: '{command}' is not in {FileName}, which runs only {string.Join(", ", Commands)}; run it with genre.";

    [LibraryImport("libc", EntryPoint = "execv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Exec(string path, string?[] argv);
}
