using System.Runtime.InteropServices;

namespace Course.Cli.Commands;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM during a long command: the first asks for a cooperative stop (<see cref="Token"/>
/// is cancelled, the command saves what it has and ends with <see cref="ExitCode"/>); a second one runs
/// <see cref="Forced"/> (kill the worker at once). The process is never ended by the signal itself.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    /// <summary>The exit code of a command stopped by a signal (128 + SIGINT, as shells report it).</summary>
    public const int ExitCode = 130;

    private readonly CancellationTokenSource stop = new();
    private readonly PosixSignalRegistration[] registrations;
    private int received;

    public StopSignals(TextWriter console)
    {
        Console = console;
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    private TextWriter Console { get; }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => stop.Token;

    /// <summary>True once a signal arrived.</summary>
    public bool Requested => Volatile.Read(ref received) > 0;

    /// <summary>What a second signal does (set while there is something to kill).</summary>
    public Action? Forced { get; set; }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true; // we end the process ourselves, after saving
        if (Interlocked.Increment(ref received) == 1)
        {
            Console.WriteLine($"\n{context.Signal}: stopping the running cell and saving what ran. Press Ctrl-C again to stop at once.");
            stop.Cancel();
        }
        else
        {
            Console.WriteLine($"\n{context.Signal} again: stopping the worker at once.");
            Forced?.Invoke();
        }
    }

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        stop.Dispose();
    }
}
