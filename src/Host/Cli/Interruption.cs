using System.Runtime.InteropServices;

namespace GenreStream.Host.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM for the commands that stop cleanly (those taking a cancellation token):
/// the first signal cancels <see cref="Token"/> and the command winds down (restores the terminal, flushes
/// its outputs); a second one exits at once with 130 (143 for SIGTERM), the process-exit handlers still
/// restoring the terminal. It stays registered until disposed, after the command's own clean-up, so no
/// signal in between falls back to the default of dying without clean-up. It replaces System.CommandLine's
/// handler, which threw on a second signal while the first was being handled and aborted the process.
/// </summary>
internal sealed class Interruption : IDisposable
{
    /// <summary>128 + SIGTERM, as shells report it.</summary>
    private const int TerminatedExitCode = 143;

    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private readonly Action<int> _exit;
    private int _signals;

    /// <param name="exit">Ends the process at once with a code: <see cref="Environment.Exit"/>.</param>
    public Interruption(Action<int> exit)
    {
        _exit = exit;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            _stop.Cancel();
            return;
        }

        _exit(context.Signal == PosixSignal.SIGTERM ? TerminatedExitCode : ExitCodes.Cancelled);
    }
}
