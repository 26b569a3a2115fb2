using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Course.Kernel.Protocol;
using Course.Kernel.Transport;

namespace Course.Kernel;

/// <summary>
/// Console.In for cells: each line a cell reads becomes an input_request to the front end that sent the
/// running execute_request. When that front end does not take input (allow_stdin false: nbconvert, papermill)
/// reading fails at once with an explanation, rather than waiting forever.
/// </summary>
internal sealed class KernelStdin(KernelSession session) : TextReader
{
    private readonly BlockingCollection<string> replies = new();
    private volatile Pending? pending;
    private string buffered = "";

    private sealed record Pending(JupyterMessage Request, bool Allowed, CancellationToken Cancellation);

    /// <summary>Makes <paramref name="request"/> the one whose front end answers reads, until disposed.</summary>
    public IDisposable For(JupyterMessage request, bool allowStdin, CancellationToken cancellation)
    {
        while (replies.TryTake(out _)) { } // a reply that arrived too late for the previous cell
        pending = new Pending(request, allowStdin, cancellation);
        return new Scope(this);
    }

    /// <summary>An input_reply from the stdin socket.</summary>
    public void Reply(string value) => replies.Add(value);

    public override string? ReadLine()
    {
        if (buffered.Length > 0)
        {
            var rest = buffered.TrimEnd('\n');
            buffered = "";
            return rest;
        }
        var current = pending ?? throw new InvalidOperationException("Console input is only available while a cell runs.");
        if (!current.Allowed)
            throw new InvalidOperationException(
                "This cell reads from the console (Console.ReadLine/Console.In), but the front end that ran it does not accept input " +
                "(allow_stdin is false, as in nbconvert, papermill and headless runs). Put the value in the code instead, e.g. var answer = \"42\";");
        session.Send(Channel.Stdin, "input_request", new JsonObject { ["prompt"] = "", ["password"] = false }, current.Request);
        return replies.Take(current.Cancellation);
    }

    public override int Read()
    {
        if (buffered.Length == 0) buffered = (ReadLine() ?? "") + "\n";
        var c = buffered[0];
        buffered = buffered[1..];
        return c;
    }

    public override int Peek()
    {
        if (buffered.Length == 0) buffered = (ReadLine() ?? "") + "\n";
        return buffered[0];
    }

    private sealed class Scope(KernelStdin owner) : IDisposable
    {
        public void Dispose() => owner.pending = null;
    }
}
