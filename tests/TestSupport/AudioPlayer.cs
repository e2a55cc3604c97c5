using System.Diagnostics;

namespace GenreStream.TestSupport;

/// <summary>
/// A <c>paplay</c> process playing one file into a sink of an <see cref="AudioServer"/> (see <see cref="AudioServer.Play"/>).
/// Disposing it stops the player if it is still playing and waits (up to 5 s) for it to exit.
/// </summary>
public sealed class AudioPlayer : IDisposable
{
    private readonly Process _process;

    internal AudioPlayer(AudioServer server, string clip, string sink)
    {
        // Output is redirected and never read: paplay says nothing on success, and its complaints stay out of the test log.
        var info = new ProcessStartInfo("paplay") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add("--device=" + sink);
        info.ArgumentList.Add(clip);
        server.Configure(info);
        _process = Process.Start(info)!;
    }

    /// <summary>Whether <c>paplay</c> has ended (the whole file played, or it failed).</summary>
    public bool HasExited => _process.HasExited;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.WaitForExit(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }
}
