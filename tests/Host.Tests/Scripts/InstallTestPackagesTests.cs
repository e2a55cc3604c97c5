using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Scripts;

/// <summary>
/// <c>scripts/install-test-packages.sh</c> (run by <c>scripts/test.sh</c>) against a stand-in <c>apt-get</c> that
/// fails as a busy or broken apt does: it waits for dpkg's lock, retries a failed update once, names what it
/// could not install and still exits 0 so that the tests run.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class InstallTestPackagesTests : IDisposable
{
    private const string Package = "genre-test-no-such-package";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_failed_update_is_retried_once_apt_waits_for_the_lock_and_what_is_missing_is_named()
    {
        var bin = Directory.CreateDirectory(_temp.File("bin")).FullName;
        var log = _temp.File("apt.log");

        // The first update fails (another apt holds the lists); the second works; the package does not exist.
        ScriptRun.WriteExecutable(Path.Combine(bin, "apt-get"), """
            #!/bin/sh
            echo "$*" >> "$FAKE_APT_LOG"
            case " $* " in
              *" update "*) [ "$(grep -c ' update ' "$FAKE_APT_LOG")" -ge 2 ] && exit 0
                            echo "E: Could not get lock /var/lib/apt/lists/lock" >&2; exit 100 ;;
              *" install "*) echo "E: Unable to locate package $*" >&2; exit 100 ;;
            esac
            """);
        ScriptRun.WriteExecutable(Path.Combine(bin, "sudo"), "#!/bin/sh\nexec \"$@\"\n");

        var script = Path.Combine(SharedData.RepositoryRoot!, "scripts", "install-test-packages.sh");
        var result = ScriptRun.Run(script, new Dictionary<string, string>
        {
            ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["FAKE_APT_LOG"] = log,
        }, Package);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(
            [
                "-o DPkg::Lock::Timeout=300 update -qq",
                "-o DPkg::Lock::Timeout=300 update -qq",
                $"-o DPkg::Lock::Timeout=300 install -y -qq {Package}",
            ],
            File.ReadAllLines(log));
        Assert.Contains($"installing 1 of 1: {Package}", result.Out, StringComparison.Ordinal);
        Assert.Contains("apt-get update failed; trying once more", result.Error, StringComparison.Ordinal);
        Assert.Contains($"could not install {Package}: the tests that need them will say SKIPPED", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Installed_packages_need_no_apt()
    {
        var result = ScriptRun.Run(Path.Combine(SharedData.RepositoryRoot!, "scripts", "install-test-packages.sh"), new Dictionary<string, string>(), "dpkg");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("test packages: all 1 installed\n", result.Out);
    }
}
