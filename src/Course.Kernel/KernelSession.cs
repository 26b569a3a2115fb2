using System.Text;
using System.Text.Json.Nodes;
using Course.Kernel.Protocol;
using Course.Kernel.Transport;

namespace Course.Kernel;

/// <summary>Builds messages for this kernel's session and queues them on the right socket. Any thread may call it.</summary>
internal sealed class KernelSession(SocketHub hub)
{
    public string Id { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The execute_request running now, or null between cells.</summary>
    public JupyterMessage? Running { get => running; set => running = value; }

    private volatile JupyterMessage? running;

    /// <summary>A reply or request routed back to the peer that sent <paramref name="parent"/>.</summary>
    public void Send(Channel channel, string type, JsonObject content, JupyterMessage parent) =>
        hub.Send(channel, JupyterMessage.Create(Id, type, content, parent));

    /// <summary>A broadcast on iopub; the topic frame is "kernel.&lt;session&gt;.&lt;type&gt;" as ipykernel does.</summary>
    public void Publish(string type, JsonObject content, JupyterMessage? parent) =>
        hub.Send(Channel.IoPub, JupyterMessage.Create(Id, type, content, parent, [Encoding.UTF8.GetBytes($"kernel.{Id}.{type}")]));

    public void Status(string state, JupyterMessage? parent) => Publish("status", new JsonObject { ["execution_state"] = state }, parent);
}
