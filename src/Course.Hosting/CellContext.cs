namespace Course.Hosting;

/// <summary>
/// The cell that is running on this logical call path: where its outputs go and whether it was asked to stop.
/// The engine sets it around each cell; library code (a training loop, a progress display) reads it.
/// Outside a notebook both are empty, and library code falls back to the console.
/// </summary>
public static class CellContext
{
    private static readonly AsyncLocal<State?> Current = new();

    private sealed record State(IOutputSink Output, CancellationToken Cancellation, FormatSession? Session);

    /// <summary>The running cell's output sink, or null outside a notebook.</summary>
    public static IOutputSink? Output => Current.Value?.Output;

    /// <summary>Signalled when the running cell is interrupted or times out; long loops check it between steps.</summary>
    public static CancellationToken Cancellation => Current.Value?.Cancellation ?? CancellationToken.None;

    /// <summary>The notebook session formatters share (e.g. to send plotly.js once), or null outside one.</summary>
    public static FormatSession? Session => Current.Value?.Session;

    /// <summary>True while code runs inside a notebook cell.</summary>
    public static bool InNotebook => Current.Value is not null;

    /// <summary>Makes a cell current until the returned scope is disposed (called by the engine).</summary>
    public static IDisposable Enter(IOutputSink output, CancellationToken cancellation) =>
        Enter(output, cancellation, session: null);

    /// <summary>Makes a cell of the notebook <paramref name="session"/> current until the scope is disposed.</summary>
    public static IDisposable Enter(IOutputSink output, CancellationToken cancellation, FormatSession? session)
    {
        var previous = Current.Value;
        Current.Value = new State(output, cancellation, session);
        return new Scope(() => Current.Value = previous);
    }

    private sealed class Scope(Action onDispose) : IDisposable
    {
        private Action? onDispose = onDispose;
        public void Dispose() => Interlocked.Exchange(ref onDispose, null)?.Invoke();
    }
}
