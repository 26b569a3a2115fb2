using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Course.Kernel.Protocol;
using Course.Kernel.Transport;
using Course.Notebooks.Execution;

namespace Course.Kernel;

/// <summary>
/// A Jupyter kernel (messaging protocol 5.3) in front of a notebook engine. Threads: one poller thread owns the
/// shell, control, stdin and iopub sockets and answers control requests at once (interrupt, shutdown,
/// kernel_info); the heartbeat echoes on its own thread; one worker thread runs shell requests in order against
/// the engine; completion and inspection run on the thread pool, so they answer while a cell runs. Outputs go
/// from the worker to the poller through a queue, in order.
/// </summary>
public sealed class JupyterKernel : IDisposable
{
    private readonly Func<INotebookEngine> createEngine;
    private readonly TextWriter log;
    private readonly KernelBanner banner;
    private readonly SocketHub hub;
    private readonly Heartbeat heartbeat;
    private readonly KernelSession session;
    private readonly KernelStdin stdin;
    private readonly ExecutionHistory history = new();
    private readonly BlockingCollection<(long Sequence, JupyterMessage Message)> shellQueue = new();
    private readonly Thread worker;
    private readonly ShellRequests requests;
    private readonly Dictionary<string, Route> routes;
    private long received;
    private long abortThrough;
    private volatile CancellationTokenSource? running;
    private readonly TaskCompletionSource<INotebookEngine?> engineReady = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Binds the five sockets of <paramref name="connection"/>; the engine is created on the worker thread.</summary>
    /// <param name="connection">The connection file's contents.</param>
    /// <param name="createEngine">Creates the engine cells run in (called once, off the socket threads).</param>
    /// <param name="log">Where diagnostics go (stderr: stdout belongs to nobody in a kernel).</param>
    /// <param name="banner">What kernel_info_reply says about the host (default: <see cref="KernelInfo.Neutral"/>).</param>
    public JupyterKernel(ConnectionInfo connection, Func<INotebookEngine> createEngine, TextWriter log, KernelBanner? banner = null)
    {
        this.createEngine = createEngine;
        this.log = log;
        this.banner = banner ?? KernelInfo.Neutral;
        hub = new SocketHub(connection, new WireCodec(new MessageSigner(connection.Key)), log);
        try
        {
            heartbeat = new Heartbeat(connection);
        }
        catch
        {
            hub.Dispose();
            throw;
        }
        session = new KernelSession(hub);
        stdin = new KernelStdin(session);
        requests = new ShellRequests(session, history, stdin, log);
        routes = Routes();
        hub.Received += OnReceived;
        worker = new Thread(Work) { IsBackground = true, Name = "jupyter-shell" };
    }

    /// <summary>True when the last shutdown_request asked for a restart (the kernel manager starts a new process).</summary>
    public bool RestartRequested { get; private set; }

    /// <summary>Serves requests until a shutdown_request arrives.</summary>
    public void Run()
    {
        session.Status("starting", null);
        worker.Start();
        hub.Run();
        shellQueue.CompleteAdding();
        running?.Cancel();
    }

    /// <summary>Where a message type is handled: at once on the poller thread, or in order on the worker thread.</summary>
    private sealed record Route(Action<Channel, JupyterMessage>? OnPoller = null, Action<INotebookEngine?, long, JupyterMessage>? OnWorker = null, Channel? Only = null);

    // The one table of the message types this kernel handles. Control-like requests are answered on the poller so
    // they never wait behind a running cell; requests that need the engine run on the worker, one at a time.
    private Dictionary<string, Route> Routes() => new()
    {
        ["input_reply"] = new(OnPoller: (_, m) => stdin.Reply(m.String("value") ?? ""), Only: Channel.Stdin),
        ["interrupt_request"] = new(OnPoller: (channel, m) => Answer(channel, m, "interrupt_reply", () =>
        {
            running?.Cancel();
            return new JsonObject { ["status"] = "ok" };
        })),
        ["shutdown_request"] = new(OnPoller: (channel, m) =>
        {
            RestartRequested = m.Bool("restart", false);
            Answer(channel, m, "shutdown_reply", () => new JsonObject { ["status"] = "ok", ["restart"] = RestartRequested });
            running?.Cancel();
            hub.Stop();
        }),
        ["kernel_info_request"] = new(OnPoller: (channel, m) => Answer(channel, m, "kernel_info_reply", () => KernelInfo.Reply(banner))),
        ["comm_info_request"] = new(OnPoller: (channel, m) => Answer(channel, m, "comm_info_reply", () => new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() })),
        ["execute_request"] = new(OnWorker: Execute, Only: Channel.Shell),
        ["complete_request"] = new(OnPoller: (_, m) => Beside(m, ShellRequests.Complete), Only: Channel.Shell),
        ["inspect_request"] = new(OnPoller: (_, m) => Beside(m, ShellRequests.Inspect), Only: Channel.Shell),
        ["is_complete_request"] = new(OnWorker: (engine, _, m) => requests.Reply(m, ShellRequests.IsComplete(engine, m)), Only: Channel.Shell),
        ["history_request"] = new(OnWorker: (_, _, m) => requests.Reply(m, history.Query(m.Content)), Only: Channel.Shell),
    };

    // Completion and inspection only read the engine's analysis of the cells finished so far, so they run beside
    // the worker: Tab answers while a training cell runs. They wait only for the engine to exist.
    private void Beside(JupyterMessage message, Func<INotebookEngine, JupyterMessage, JsonObject> answer) => _ = Task.Run(async () =>
    {
        var engine = await engineReady.Task.ConfigureAwait(false);
        session.Status("busy", message);
        try
        {
            if (engine is null) throw new InvalidOperationException($"the C# engine failed to start: {requests.EngineFailure?.Message ?? "unknown reason"}");
            requests.Reply(message, answer(engine, message));
        }
        catch (Exception e)
        {
            log.WriteLine($"[course-kernel] {message.Type} failed: {e.Message}");
            requests.Fail(message, e);
        }
        finally
        {
            session.Status("idle", message);
        }
    });

    // On the poller thread.
    private void OnReceived(Channel channel, JupyterMessage message)
    {
        if (!routes.TryGetValue(message.Type, out var route) || route.Only is { } only && only != channel)
            log.WriteLine($"[course-kernel] ignored {message.Type} on {channel}: not supported there");
        else if (route.OnPoller is { } now)
            now(channel, message);
        else
            shellQueue.Add((Interlocked.Increment(ref received), message));
    }

    private void Answer(Channel channel, JupyterMessage request, string replyType, Func<JsonObject> reply)
    {
        session.Status("busy", request);
        session.Send(channel, replyType, reply(), request);
        session.Status("idle", request);
    }

    private void Work()
    {
        INotebookEngine? engine = null;
        try
        {
            engine = createEngine();
            Console.SetIn(stdin);
        }
        catch (Exception e)
        {
            log.WriteLine($"[course-kernel] the notebook engine failed to start: {e}");
            requests.EngineFailure = e;
        }
        engineReady.TrySetResult(engine);
        foreach (var (sequence, message) in shellQueue.GetConsumingEnumerable())
        {
            session.Status("busy", message);
            try
            {
                routes[message.Type].OnWorker!(engine, sequence, message);
            }
            catch (Exception e)
            {
                // The front end waits for a reply to every request: a handler that throws still answers.
                log.WriteLine($"[course-kernel] {message.Type} failed: {e}");
                requests.Fail(message, e);
            }
            finally
            {
                session.Status("idle", message);
            }
        }
        if (running is null) engine?.Dispose(); // a cell that ignores interruption keeps its engine; the process ends anyway
    }

    private void Execute(INotebookEngine? engine, long sequence, JupyterMessage message)
    {
        if (sequence <= Interlocked.Read(ref abortThrough))
        {
            requests.Abort(message);
            return;
        }
        using var cancellation = new CancellationTokenSource();
        running = cancellation;
        bool failed;
        try
        {
            failed = requests.Execute(engine, message, cancellation.Token);
        }
        finally
        {
            running = null;
        }
        // stop_on_error: requests already queued behind a failed cell were written expecting it to succeed.
        if (failed && message.Bool("stop_on_error", true))
            Interlocked.Exchange(ref abortThrough, Interlocked.Read(ref received));
    }

    /// <summary>Closes the sockets and stops the heartbeat.</summary>
    public void Dispose()
    {
        heartbeat.Dispose();
        hub.Dispose(); // from here on, what a lingering cell sends is dropped
        // A cell that ignores interruption still holds the worker thread, which takes from the queue when it
        // ends: the queue may only go once that thread has.
        if (!worker.IsAlive || worker.Join(TimeSpan.FromSeconds(2))) shellQueue.Dispose();
    }
}
