using System.Diagnostics;
using System.IO.Pipes;
using System.Text;
using Course.Hosting;
using Course.Notebooks.Execution;
using Course.Notebooks.Formatting;

namespace Course.Notebooks.Running;

/// <summary>
/// An engine in a child process (see <see cref="WorkerHost"/>). A timeout or interrupt first asks the worker to
/// cancel the cell (loops stop cooperatively); if the cell has not ended after the grace period — a native
/// call, Thread.Sleep, a loop that ignores cancellation — the worker process is killed. .NET cannot abort a
/// thread, so a separate process is the only way to really stop a cell. Anything the worker writes to its own
/// stdout/stderr (native libraries) goes into the running cell as a stream output, except lines the host calls
/// noise (<see cref="StartAsync"/>'s filter), which go to the worker's diagnostics.
/// </summary>
public sealed class WorkerEngine : INotebookEngine
{
    private readonly Process process;
    private readonly NamedPipeServerStream pipe;
    private WorkerHost.LineWriter? writer;
    private readonly TimeSpan grace;
    private readonly Func<string, bool> isNoise;
    private readonly StringBuilder diagnostics = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Pending? pending;
    private bool killed;

    private sealed record Pending(IOutputSink Sink, TaskCompletionSource<CellResult> Done, Stopwatch Clock);

    private WorkerEngine(Process process, NamedPipeServerStream pipe, TimeSpan grace, Func<string, bool> isNoise)
    {
        this.process = process;
        this.pipe = pipe;
        this.grace = grace;
        this.isNoise = isNoise;
    }

    /// <summary>The worker's process id.</summary>
    public int ProcessId => process.Id;

    /// <summary>True when the worker had to be killed (its state is gone).</summary>
    public bool Killed => killed;

    /// <summary>
    /// Starts <paramref name="start"/> (a command that runs <see cref="WorkerHost.RunAsync"/>; "--pipe NAME" is
    /// appended) and waits until its engine is ready. <paramref name="isNoise"/> picks the lines of the worker's
    /// own stdout/stderr that stay out of cells (none when null).
    /// </summary>
    public static async Task<WorkerEngine> StartAsync(ProcessStartInfo start, TimeSpan grace, TimeSpan startupLimit, Func<string, bool>? isNoise = null)
    {
        var name = $"course-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40];
        var pipe = new NamedPipeServerStream(name, PipeDirection.InOut, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous);
        start.ArgumentList.Add("--pipe");
        start.ArgumentList.Add(name);
        start.RedirectStandardInput = start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var engine = new WorkerEngine(process, pipe, grace, isNoise ?? (_ => false));
        process.OutputDataReceived += (_, e) => engine.OnProcessText("stdout", e.Data);
        process.ErrorDataReceived += (_, e) => engine.OnProcessText("stderr", e.Data);
        process.Exited += (_, _) => engine.OnExited();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var limit = new CancellationTokenSource(startupLimit);
            // The worker may die before it connects; OnExited then fails `ready`.
            var connect = pipe.WaitForConnectionAsync(limit.Token);
            await await Task.WhenAny(connect, engine.ready.Task);
            // A writer flushes on creation, which needs a connected pipe.
            engine.writer = new WorkerHost.LineWriter(pipe);
            _ = engine.ReadAsync();
            await engine.ready.Task.WaitAsync(limit.Token);
            return engine;
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or IOException)
        {
            engine.Dispose();
            throw new InvalidOperationException($"The notebook worker did not start within {startupLimit.TotalSeconds:0} s. {engine.Diagnostics}".Trim(), e);
        }
    }

    private string Diagnostics
    {
        get
        {
            lock (diagnostics) return diagnostics.Length == 0 ? "" : "Worker output:\n" + diagnostics;
        }
    }

    /// <inheritdoc />
    public async Task<CellResult> ExecuteAsync(string code, IOutputSink output, CancellationToken cancellation)
    {
        if (killed || process.HasExited)
            return new CellResult(CellStatus.Error, null, new CellError("WorkerExited", "The notebook worker is no longer running (an earlier cell was stopped or crashed it); its state is gone.", [], null), TimeSpan.Zero);
        var current = new Pending(output, new TaskCompletionSource<CellResult>(TaskCreationOptions.RunContinuationsAsynchronously), Stopwatch.StartNew());
        pending = current;
        writer!.Send(new WorkerMessage("execute") { Code = code });
        await using var registration = cancellation.Register(() => _ = StopAsync(current));
        var result = await current.Done.Task;
        pending = null;
        return result;
    }

    /// <summary>Kills the worker at once (a second Ctrl-C); the running cell ends as cancelled with <paramref name="reason"/>.</summary>
    public void KillNow(string reason)
    {
        var cell = pending;
        // Before the kill: the worker's exit would otherwise report the cell as crashed.
        cell?.Done.TrySetResult(new CellResult(CellStatus.Cancelled, null, new CellError("Killed", reason, [], null), cell.Clock.Elapsed));
        Kill();
    }

    // Cooperative first, then the kill path.
    private async Task StopAsync(Pending cell)
    {
        writer?.Send(new WorkerMessage("cancel"));
        if (await Task.WhenAny(cell.Done.Task, Task.Delay(grace)) == cell.Done.Task) return;
        Kill();
        cell.Done.TrySetResult(new CellResult(CellStatus.Cancelled, null,
            new CellError("Killed", $"The cell ignored cancellation for {grace.TotalSeconds:0.#} s; its worker process was killed.", [], null), cell.Clock.Elapsed));
    }

    private async Task ReadAsync()
    {
        using var reader = new StreamReader(pipe, Encoding.UTF8, leaveOpen: true);
        try
        {
            while (await reader.ReadLineAsync() is { } line)
                Handle(WorkerMessage.Parse(line));
        }
        catch (IOException)
        {
            // Worker gone: OnExited reports it.
        }
    }

    private void Handle(WorkerMessage message)
    {
        var cell = pending;
        switch (message.Type)
        {
            case "ready": ready.TrySetResult(); break;
            case "failed": ready.TrySetException(new InvalidOperationException("The notebook engine could not start:\n" + message.Text)); break;
            case "stream": cell?.Sink.Stream(message.Name ?? "stdout", message.Text ?? ""); break;
            case "display": cell?.Sink.Display(new MimeBundle(message.Data ?? new Dictionary<string, string>()), message.Id, message.Update); break;
            case "clear": cell?.Sink.Clear(message.Wait); break;
            case "progress" when message.Progress is { } progress: cell?.Sink.Progress(progress); break;
            case "result": cell?.Done.TrySetResult(message.ToResult()); break;
        }
    }

    private void OnProcessText(string stream, string? line)
    {
        if (line is null) return;
        if (pending is { } cell && !isNoise(line)) cell.Sink.Stream(stream, line + "\n");
        else lock (diagnostics) diagnostics.AppendLine(line);
    }

    private void OnExited()
    {
        ready.TrySetException(new InvalidOperationException($"The notebook worker exited with code {process.ExitCode} before it was ready. {Diagnostics}"));
        pending?.Done.TrySetResult(new CellResult(CellStatus.Error, null,
            new CellError("WorkerExited", killed ? "The worker process was killed." : $"The notebook worker process exited (code {process.ExitCode}) while the cell ran; its state is gone.", [], null),
            pending.Clock.Elapsed));
    }

    private void Kill()
    {
        killed = true;
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        process.WaitForExit();
    }

    /// <summary>Not offered: the worker serves headless runs; completion belongs to the Jupyter kernel.</summary>
    public Task<Completions> CompleteAsync(string code, int cursor, CancellationToken cancellation) =>
        throw new NotSupportedException("The headless worker does not offer completions.");

    /// <summary>Not offered: the worker serves headless runs; inspection belongs to the Jupyter kernel.</summary>
    public Task<string?> InspectAsync(string code, int cursor, CancellationToken cancellation) =>
        throw new NotSupportedException("The headless worker does not offer inspection.");

    /// <summary>Not offered: the worker serves headless runs.</summary>
    public CodeCompleteness IsComplete(string code) => throw new NotSupportedException("The headless worker does not check completeness.");

    /// <summary>Closes the pipe (the worker then exits) and kills the worker if it is still alive after the grace period.</summary>
    public void Dispose()
    {
        pipe.Dispose();
        try
        {
            if (!process.HasExited && !process.WaitForExit(grace)) Kill();
            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        process.Dispose();
    }
}
