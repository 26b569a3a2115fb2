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
/// the engine. Outputs go from the worker to the poller through a queue, in order.
/// </summary>
public sealed class JupyterKernel : IDisposable
{
    private readonly Func<INotebookEngine> createEngine;
    private readonly TextWriter log;
    private readonly SocketHub hub;
    private readonly Heartbeat heartbeat;
    private readonly KernelSession session;
    private readonly KernelStdin stdin;
    private readonly ExecutionHistory history = new();
    private readonly BlockingCollection<(long Sequence, JupyterMessage Message)> shellQueue = new();
    private readonly Thread worker;
    private readonly ShellRequests requests;
    private long received;
    private long abortThrough;
    private volatile CancellationTokenSource? running;

    /// <summary>Binds the five sockets of <paramref name="connection"/>; the engine is created on the worker thread.</summary>
    /// <param name="connection">The connection file's contents.</param>
    /// <param name="createEngine">Creates the engine cells run in (called once, off the socket threads).</param>
    /// <param name="log">Where diagnostics go (stderr: stdout belongs to nobody in a kernel).</param>
    public JupyterKernel(ConnectionInfo connection, Func<INotebookEngine> createEngine, TextWriter log)
    {
        this.createEngine = createEngine;
        this.log = log;
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

    // On the poller thread: control requests are answered here, so they never wait behind a running cell.
    private void OnReceived(Channel channel, JupyterMessage message)
    {
        switch (message.Type)
        {
            case "input_reply" when channel == Channel.Stdin:
                stdin.Reply(message.String("value") ?? "");
                break;
            case "interrupt_request":
                Answer(channel, message, "interrupt_reply", () =>
                {
                    running?.Cancel();
                    return new JsonObject { ["status"] = "ok" };
                });
                break;
            case "shutdown_request":
                RestartRequested = message.Bool("restart", false);
                Answer(channel, message, "shutdown_reply", () => new JsonObject { ["status"] = "ok", ["restart"] = RestartRequested });
                running?.Cancel();
                hub.Stop();
                break;
            case "kernel_info_request":
                Answer(channel, message, "kernel_info_reply", KernelInfo.Reply);
                break;
            case "comm_info_request":
                Answer(channel, message, "comm_info_reply", () => new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() });
                break;
            case var _ when channel == Channel.Shell:
                shellQueue.Add((Interlocked.Increment(ref received), message));
                break;
            default:
                log.WriteLine($"[course-kernel] ignored {message.Type} on {channel}: not supported there");
                break;
        }
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
        foreach (var (sequence, message) in shellQueue.GetConsumingEnumerable())
        {
            session.Status("busy", message);
            try
            {
                if (message.Type == "execute_request") Execute(engine, sequence, message);
                else requests.Handle(engine, message);
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
