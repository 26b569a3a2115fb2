using NetMQ;
using Course.Kernel.Protocol;
using NetMQ.Sockets;

namespace Course.Kernel.Transport;

/// <summary>
/// Echoes heartbeat pings on a thread of its own, so the front end sees the kernel alive whatever the other
/// sockets and the running cell are doing. The socket is created, used and closed on that thread only.
/// </summary>
internal sealed class Heartbeat : IDisposable
{
    private readonly Thread thread;
    private volatile bool stopping;

    public Heartbeat(ConnectionInfo connection)
    {
        var bound = new TaskCompletionSource();
        thread = new Thread(() => Run(connection, bound)) { IsBackground = true, Name = "jupyter-heartbeat" };
        thread.Start();
        bound.Task.GetAwaiter().GetResult(); // surfaces a bind failure to the caller
    }

    private void Run(ConnectionInfo connection, TaskCompletionSource bound)
    {
        using var socket = new ResponseSocket();
        socket.Options.Linger = TimeSpan.Zero;
        try
        {
            SocketHub.Bind(socket, connection, connection.HeartbeatPort, "hb_port");
        }
        catch (Exception e)
        {
            bound.SetException(e);
            return;
        }
        bound.SetResult();
        var ping = new List<byte[]>();
        while (!stopping)
        {
            if (!socket.TryReceiveMultipartBytes(TimeSpan.FromMilliseconds(100), ref ping)) continue;
            var reply = new NetMQMessage(ping);
            socket.SendMultipartMessage(reply);
        }
    }

    public void Dispose()
    {
        stopping = true;
        thread.Join(TimeSpan.FromSeconds(2));
    }
}
