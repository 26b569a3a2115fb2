using Course.Kernel.Protocol;
using NetMQ;
using NetMQ.Sockets;

namespace Course.Kernel.Transport;

/// <summary>
/// Owns the shell, control, stdin and iopub sockets on one poller thread (NetMQ sockets are not thread-safe).
/// Incoming messages are verified and handed to <see cref="Received"/> on that thread; any thread sends through
/// <see cref="Send"/>, a thread-safe queue the poller drains in order — so every output of a request reaches
/// iopub before the idle status that follows it.
/// </summary>
internal sealed class SocketHub : IDisposable
{
    private readonly WireCodec codec;
    private readonly TextWriter log;
    private readonly RouterSocket shell = new(), control = new(), stdin = new();
    private readonly PublisherSocket iopub = new();
    private readonly NetMQQueue<(Channel Channel, JupyterMessage Message)> outgoing = new();
    private readonly NetMQPoller poller;
    private bool disposed;

    /// <summary>Called on the poller thread for each verified message.</summary>
    public event Action<Channel, JupyterMessage>? Received;

    public SocketHub(ConnectionInfo connection, WireCodec codec, TextWriter log)
    {
        this.codec = codec;
        this.log = log;
        foreach (var socket in new NetMQSocket[] { shell, control, stdin, iopub })
            socket.Options.Linger = TimeSpan.FromSeconds(1); // let the last replies out on shutdown
        Bind(shell, connection, connection.ShellPort, "shell_port");
        Bind(control, connection, connection.ControlPort, "control_port");
        Bind(stdin, connection, connection.StdinPort, "stdin_port");
        Bind(iopub, connection, connection.IopubPort, "iopub_port");
        shell.ReceiveReady += (_, e) => Receive(Channel.Shell, e.Socket);
        control.ReceiveReady += (_, e) => Receive(Channel.Control, e.Socket);
        stdin.ReceiveReady += (_, e) => Receive(Channel.Stdin, e.Socket);
        outgoing.ReceiveReady += (_, _) => Flush();
        poller = [shell, control, stdin, outgoing];
    }

    /// <summary>Binds <paramref name="socket"/>, turning "address in use" into one line that names the port.</summary>
    internal static void Bind(NetMQSocket socket, ConnectionInfo connection, int port, string name)
    {
        try
        {
            socket.Bind(connection.Address(port));
        }
        catch (NetMQException e)
        {
            throw new KernelStartException(
                $"Cannot listen on {connection.Address(port)} ({name} of the connection file): {e.Message}. " +
                "Another program (often an earlier kernel) holds that port; stop it, or let Jupyter start the kernel again with fresh ports.");
        }
    }

    /// <summary>Queues a message for its socket; safe from any thread, and a no-op once the hub is disposed.</summary>
    public void Send(Channel channel, JupyterMessage message)
    {
        lock (outgoing)
            if (!disposed) outgoing.Enqueue((channel, message));
    }

    /// <summary>Runs the poller on the calling thread until <see cref="Stop"/>.</summary>
    public void Run() => poller.Run();

    /// <summary>Sends what is queued, then stops the poller. Call from the poller thread.</summary>
    public void Stop()
    {
        Flush();
        poller.Stop();
    }

    private void Receive(Channel channel, NetMQSocket socket)
    {
        var frames = new List<byte[]>();
        while (socket.TryReceiveMultipartBytes(TimeSpan.Zero, ref frames))
        {
            // Nothing a peer sends may end the poller: the kernel would stop answering for good.
            try
            {
                var message = codec.Decode(frames, out var problem);
                if (message is null)
                    log.WriteLine($"[course-kernel] dropped a message on {channel}: {problem}");
                else
                    Received?.Invoke(channel, message);
            }
            catch (Exception e)
            {
                log.WriteLine($"[course-kernel] failed handling a message on {channel}: {e}");
            }
        }
    }

    private void Flush()
    {
        while (outgoing.TryDequeue(out var item, TimeSpan.Zero))
        {
            var socket = item.Channel switch
            {
                Channel.Shell => (NetMQSocket)shell,
                Channel.Control => control,
                Channel.Stdin => stdin,
                _ => iopub,
            };
            socket.SendMultipartMessage(codec.Encode(item.Message));
        }
    }

    public void Dispose()
    {
        poller.Dispose();
        lock (outgoing)
        {
            disposed = true;
            outgoing.Dispose();
        }
        foreach (var socket in new NetMQSocket[] { shell, control, stdin, iopub }) socket.Dispose();
    }
}
