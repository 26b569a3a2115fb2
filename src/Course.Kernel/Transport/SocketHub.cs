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

    /// <summary>Called on the poller thread for each verified message.</summary>
    public event Action<Channel, JupyterMessage>? Received;

    public SocketHub(ConnectionInfo connection, WireCodec codec, TextWriter log)
    {
        this.codec = codec;
        this.log = log;
        foreach (var socket in new NetMQSocket[] { shell, control, stdin, iopub })
            socket.Options.Linger = TimeSpan.FromSeconds(1); // let the last replies out on shutdown
        shell.Bind(connection.Address(connection.ShellPort));
        control.Bind(connection.Address(connection.ControlPort));
        stdin.Bind(connection.Address(connection.StdinPort));
        iopub.Bind(connection.Address(connection.IopubPort));
        shell.ReceiveReady += (_, e) => Receive(Channel.Shell, e.Socket);
        control.ReceiveReady += (_, e) => Receive(Channel.Control, e.Socket);
        stdin.ReceiveReady += (_, e) => Receive(Channel.Stdin, e.Socket);
        outgoing.ReceiveReady += (_, _) => Flush();
        poller = [shell, control, stdin, outgoing];
    }

    /// <summary>Queues a message for its socket; safe from any thread.</summary>
    public void Send(Channel channel, JupyterMessage message) => outgoing.Enqueue((channel, message));

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
            var message = codec.Decode(frames, out var problem);
            if (message is null)
            {
                log.WriteLine($"[course-kernel] dropped a message on {channel}: {problem}");
                continue;
            }
            try
            {
                Received?.Invoke(channel, message);
            }
            catch (Exception e)
            {
                log.WriteLine($"[course-kernel] failed handling {message.Type} on {channel}: {e}");
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
        outgoing.Dispose();
        foreach (var socket in new NetMQSocket[] { shell, control, stdin, iopub }) socket.Dispose();
    }
}
