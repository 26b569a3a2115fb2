using System.Runtime.CompilerServices;
using Course.Hosting;

namespace Course.Notebooks.Execution;

/// <summary>
/// Where running code stops when its cell is cancelled. .NET cannot abort a thread, so the engine inserts
/// <see cref="Check"/> at the top of every loop body in a cell; long-running library loops call it too.
/// </summary>
public static class CancellationPoint
{
    // Number of cancelled cells whose code may still be running. While it is zero (nearly always), a check is
    // one volatile read, so tight loops in cells stay fast.
    private static int pending;

    /// <summary>Throws <see cref="OperationCanceledException"/> if the running cell was cancelled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Check()
    {
        if (Volatile.Read(ref pending) != 0) ThrowIfCancelled();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowIfCancelled() => CellContext.Cancellation.ThrowIfCancellationRequested();

    /// <summary>Makes checks look at the cell's token once it is cancelled, until the cell's code has ended.</summary>
    internal static IDisposable Arm(CancellationToken cancellation) => new Arming(cancellation);

    private sealed class Arming : IDisposable
    {
        private const int Waiting = 0, Fired = 1, Done = 2;
        private readonly CancellationTokenRegistration registration;
        private int state;

        public Arming(CancellationToken cancellation)
        {
            registration = cancellation.Register(() =>
            {
                if (Interlocked.CompareExchange(ref state, Fired, Waiting) == Waiting) Interlocked.Increment(ref pending);
            });
        }

        public void Dispose()
        {
            registration.Dispose();
            if (Interlocked.Exchange(ref state, Done) == Fired) Interlocked.Decrement(ref pending);
        }
    }
}
