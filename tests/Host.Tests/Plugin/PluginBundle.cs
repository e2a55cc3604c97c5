using System.Diagnostics;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Plugin;

/// <summary>
/// The genre.lv2 bundle, built once per test run with <c>scripts/build-plugin.sh</c> (a NativeAOT
/// publish: the slow part) into a temporary directory shared by every test in <see cref="PluginBundleGroup"/>.
/// </summary>
public sealed class PluginBundle : IDisposable
{
    /// <summary>Debian packages behind the programs the plugin tests run.</summary>
    private static readonly (string Program, string Package)[] Tools =
    [
        ("clang", "clang"), ("lv2ls", "lilv-utils"), ("lv2info", "lilv-utils"), ("lv2apply", "lilv-utils"),
        ("pkg-config", "pkg-config"), ("ffmpeg", "ffmpeg"),
    ];

    private readonly TempDirectory _temp = new();

    public PluginBundle()
    {
        RepositoryRoot = FindRepositoryRoot();
        var missing = Tools.Where(t => !OnPath(t.Program)).ToList();
        if (!File.Exists("/usr/include/lilv-0/lilv/lilv.h"))
        {
            missing.Add(("lilv.h", "liblilv-dev"));
        }

        if (missing.Count > 0)
        {
            WhyUnavailable = $"{string.Join(", ", missing.Select(t => t.Program))} missing (apt-get install {string.Join(' ', missing.Select(t => t.Package).Distinct())})";
            return;
        }

        Lv2Path = _temp.File("lv2");
        var build = Run("bash", [Path.Combine(RepositoryRoot, "scripts", "build-plugin.sh"), Lv2Path], TimeSpan.FromMinutes(10));
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/build-plugin.sh failed ({build.ExitCode}):\n{build.Output}\n{build.Error}");
        }
    }

    /// <summary>Why the plugin cannot be built or tested here, or null.</summary>
    public string? WhyUnavailable { get; }

    /// <summary>The folder holding the repository's GenreStream.slnx.</summary>
    public string RepositoryRoot { get; }

    /// <summary>The directory to give as LV2_PATH: it holds genre.lv2/ and nothing else.</summary>
    public string Lv2Path { get; } = string.Empty;

    /// <summary>The bundle; also where libgenre.so is for the C API.</summary>
    public string BundleDirectory => Path.Combine(Lv2Path, "genre.lv2");

    /// <summary>A scratch directory that lives as long as the bundle.</summary>
    public TempDirectory Scratch => _temp;

    public void Dispose() => _temp.Dispose();

    /// <summary>Compiles the test program <c>Native/<paramref name="name"/>.c</c> with clang and the extra arguments; returns the executable.</summary>
    public string CompileNative(string name, params string[] arguments)
    {
        var executable = _temp.File(name);
        var source = Path.Combine(AppContext.BaseDirectory, "Plugin", "Native", name + ".c");
        var result = Run("clang", ["-O2", "-std=c11", "-Wall", "-Wextra", "-Werror", "-o", executable, source, .. arguments], TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, $"clang {name}.c failed:\n{result.Error}");
        return executable;
    }

    /// <summary>Arguments that compile and link against lilv, from pkg-config.</summary>
    public static string[] LilvFlags()
    {
        var result = Run("pkg-config", ["--cflags", "--libs", "lilv-0"], TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, "pkg-config lilv-0: " + result.Error);
        return result.Output.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Runs a program to its end with LV2_PATH set to the bundle's parent.</summary>
    public (int ExitCode, string Output, string Error) RunWithLv2Path(string program, params string[] arguments) =>
        Run(program, arguments, TimeSpan.FromMinutes(2), ("LV2_PATH", Lv2Path));

    private static (int ExitCode, string Output, string Error) Run(string program, string[] arguments, TimeSpan timeout, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in {timeout}");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, program)));

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GenreStream.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GenreStream.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The tests that share one build of the bundle.</summary>
[CollectionDefinition(Name)]
public sealed class PluginBundleGroup : ICollectionFixture<PluginBundle>
{
    public const string Name = "LV2 plugin bundle";
}
