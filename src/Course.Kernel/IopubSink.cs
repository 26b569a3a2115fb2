using System.Text.Json.Nodes;
using Course.Hosting;
using Course.Kernel.Protocol;
using Course.Notebooks.Documents;
using Course.Notebooks.Execution;
using Course.Notebooks.Formatting;

namespace Course.Kernel;

/// <summary>
/// The outputs of one execute_request, published on iopub with that request as parent (so a front end files
/// them under the right cell). A silent request publishes nothing. Thread-safe: sending only enqueues.
/// </summary>
internal sealed class IopubSink(KernelSession session, JupyterMessage request, bool silent) : IOutputSink
{
    public void Stream(string name, string text)
    {
        if (silent || text.Length == 0) return;
        session.Publish("stream", new JsonObject { ["name"] = name == "stderr" ? "stderr" : "stdout", ["text"] = text }, request);
    }

    public void Display(MimeBundle bundle, string? displayId, bool update)
    {
        if (silent) return;
        var content = new JsonObject { ["data"] = NotebookOutputs.WireData(bundle), ["metadata"] = new JsonObject() };
        if (displayId is not null) content["transient"] = new JsonObject { ["display_id"] = displayId };
        if (update && displayId is not null)
            // A handle kept from an earlier cell updates under the cell running now: front ends (nbclient) only
            // take messages whose parent is the request they are waiting on, and find the output by display_id.
            session.Publish("update_display_data", content, session.Running ?? request);
        else
            session.Publish("display_data", content, request);
    }

    public void Clear(bool wait)
    {
        if (!silent) session.Publish("clear_output", new JsonObject { ["wait"] = wait }, request);
    }
}
