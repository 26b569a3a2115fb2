using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Course.Kernel.Protocol;
using Course.Kernel.Transport;
using Course.Notebooks.Documents;
using Course.Notebooks.Execution;

namespace Course.Kernel;

/// <summary>The shell requests that need the engine, run one at a time on the kernel's worker thread.</summary>
internal sealed partial class ShellRequests(KernelSession session, ExecutionHistory history, KernelStdin stdin, TextWriter log)
{
    private int executionCount;

    /// <summary>Set when the engine could not be created; every execution then reports it.</summary>
    public Exception? EngineFailure { get; set; }

    /// <summary>Runs an execute_request; true when the cell failed or was interrupted.</summary>
    public bool Execute(INotebookEngine? engine, JupyterMessage request, CancellationToken cancellation)
    {
        var code = request.String("code") ?? "";
        var silent = request.Bool("silent", false);
        var storeHistory = !silent && request.Bool("store_history", true);
        if (storeHistory) executionCount++;
        if (!silent) session.Publish("execute_input", new JsonObject { ["code"] = code, ["execution_count"] = executionCount }, request);

        if (HelpRequest().Match(code) is { Success: true } help && engine is not null)
            return Page(engine, request, help.Groups[1].Value, storeHistory, code);

        var result = Run(engine, code, request, silent, cancellation);
        if (result.Status == CellStatus.Ok)
        {
            if (result.Value is not null && !silent)
                session.Publish("execute_result", new JsonObject
                {
                    ["execution_count"] = executionCount,
                    ["data"] = NotebookOutputs.WireData(result.Value),
                    ["metadata"] = new JsonObject(),
                }, request);
            session.Send(Channel.Shell, "execute_reply", new JsonObject
            {
                ["status"] = "ok",
                ["execution_count"] = executionCount,
                ["payload"] = new JsonArray(),
                ["user_expressions"] = new JsonObject(),
            }, request);
            if (storeHistory) history.Add(executionCount, code, result.Value?.PlainText);
            return false;
        }

        var error = result.Error ?? (result.Status == CellStatus.Cancelled
            ? new CellError("Interrupted", "The cell was interrupted.", ["Interrupted: the cell was stopped before it finished."], null)
            : new CellError("Error", "The cell failed.", [], null));
        var content = new JsonObject
        {
            ["ename"] = error.Name,
            ["evalue"] = error.Message,
            ["traceback"] = new JsonArray([.. error.Traceback.Select(line => JsonValue.Create(line))]),
        };
        if (!silent) session.Publish("error", (JsonObject)content.DeepClone(), request);
        content["status"] = "error";
        content["execution_count"] = executionCount;
        session.Send(Channel.Shell, "execute_reply", content, request);
        if (storeHistory) history.Add(executionCount, code, null);
        return true;
    }

    private CellResult Run(INotebookEngine? engine, string code, JupyterMessage request, bool silent, CancellationToken cancellation)
    {
        if (engine is null)
        {
            var reason = EngineFailure?.Message ?? "unknown reason";
            return new CellResult(CellStatus.Error, null, new CellError("KernelStartError",
                $"The C# engine failed to start: {reason}", [$"KernelStartError: the C# engine failed to start: {reason}", "Restart the kernel; the kernel's log (stderr) has the details."], null), TimeSpan.Zero);
        }
        using var input = stdin.For(request, request.Bool("allow_stdin", true), cancellation);
        session.Running = request;
        try
        {
            return engine.ExecuteAsync(code, new IopubSink(session, request, silent), cancellation).GetAwaiter().GetResult();
        }
        catch (Exception e) // the engine promises not to throw; if it does, the kernel still answers
        {
            log.WriteLine($"[course-kernel] engine threw: {e}");
            return new CellResult(CellStatus.Error, null, new CellError(e.GetType().Name, e.Message, [e.ToString()], null), TimeSpan.Zero);
        }
        finally
        {
            session.Running = null;
        }
    }

    // `Name?` shows the documentation of Name in the pager, as IPython kernels do.
    [GeneratedRegex(@"^\s*([A-Za-z_][\w.]*)\?\s*$")]
    private static partial Regex HelpRequest();

    private bool Page(INotebookEngine engine, JupyterMessage request, string symbol, bool storeHistory, string code)
    {
        var doc = engine.InspectAsync(symbol, symbol.Length, CancellationToken.None).GetAwaiter().GetResult()
                  ?? $"No documentation found for '{symbol}'.";
        session.Send(Channel.Shell, "execute_reply", new JsonObject
        {
            ["status"] = "ok",
            ["execution_count"] = executionCount,
            ["payload"] = new JsonArray(new JsonObject { ["source"] = "page", ["data"] = new JsonObject { ["text/plain"] = doc }, ["start"] = 0 }),
            ["user_expressions"] = new JsonObject(),
        }, request);
        if (storeHistory) history.Add(executionCount, code, null);
        return false;
    }

    /// <summary>An execute_request queued behind a failed cell with stop_on_error: not run.</summary>
    public void Abort(JupyterMessage request) =>
        session.Send(Channel.Shell, "execute_reply", new JsonObject { ["status"] = "aborted", ["execution_count"] = executionCount }, request);

    /// <summary>The error reply for a request whose handler threw (e.g. a field of the wrong type).</summary>
    public void Fail(JupyterMessage request, Exception error)
    {
        var content = new JsonObject
        {
            ["status"] = "error",
            ["ename"] = error.GetType().Name,
            ["evalue"] = $"The kernel could not handle this {request.Type}: {error.Message}",
            ["traceback"] = new JsonArray(),
        };
        if (request.Type == "execute_request") content["execution_count"] = executionCount;
        Reply(request, content);
    }

    /// <summary>Sends <paramref name="content"/> as the reply to <paramref name="request"/> (x_request → x_reply).</summary>
    public void Reply(JupyterMessage request, JsonObject content) =>
        session.Send(Channel.Shell, request.Type.Replace("_request", "_reply"), content, request);

    /// <summary>complete_reply: matches best first, with kind and signature in _jupyter_types_experimental.</summary>
    public static JsonObject Complete(INotebookEngine engine, JupyterMessage request)
    {
        var (code, cursor) = CodeAndCursor(request);
        var found = engine.CompleteAsync(code, cursor, CancellationToken.None).GetAwaiter().GetResult();
        var (start, end) = (CodePoints.FromUtf16(code, found.CursorStart), CodePoints.FromUtf16(code, found.CursorEnd));
        return new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray([.. found.Matches.Select(m => JsonValue.Create(m.Text))]),
            ["cursor_start"] = start,
            ["cursor_end"] = end,
            ["metadata"] = new JsonObject
            {
                ["_jupyter_types_experimental"] = new JsonArray([.. found.Matches.Select(m => new JsonObject
                {
                    ["start"] = start,
                    ["end"] = end,
                    ["text"] = m.Text,
                    ["type"] = m.Kind,
                    ["signature"] = m.Signature ?? "",
                })]),
            },
        };
    }

    /// <summary>inspect_reply: the signature and documentation of the symbol at the cursor, found or not.</summary>
    public static JsonObject Inspect(INotebookEngine engine, JupyterMessage request)
    {
        var (code, cursor) = CodeAndCursor(request);
        var doc = engine.InspectAsync(code, cursor, CancellationToken.None).GetAwaiter().GetResult();
        return new JsonObject
        {
            ["status"] = "ok",
            ["found"] = doc is not null,
            ["data"] = doc is null ? new JsonObject() : new JsonObject { ["text/plain"] = doc },
            ["metadata"] = new JsonObject(),
        };
    }

    // Jupyter counts cursor_pos in Unicode code points (protocol 5.2); the engine counts UTF-16 units. A missing
    // cursor means the end of the code; one outside it is the client's mistake, answered with an error reply.
    private static (string Code, int Cursor) CodeAndCursor(JupyterMessage request)
    {
        var code = request.String("code") ?? "";
        var length = CodePoints.Count(code);
        if (request.Content["cursor_pos"] is null) return (code, code.Length);
        if (request.Content["cursor_pos"] is not JsonValue value || !value.TryGetValue<long>(out var cursor))
            throw new ArgumentException($"cursor_pos must be an integer between 0 and {length} (the length of the code), not {request.Content["cursor_pos"]!.ToJsonString()}.");
        if (cursor < 0 || cursor > length)
            throw new ArgumentException($"cursor_pos {cursor} is outside the code: it must be between 0 and {length} (the code's length in Unicode code points).");
        return (code, CodePoints.ToUtf16(code, (int)cursor));
    }

    public static JsonObject IsComplete(INotebookEngine? engine, JupyterMessage request)
    {
        // Jupyter's words for the engine's answer; "unknown" when there is no engine to ask.
        var status = engine?.IsComplete(request.String("code") ?? "") switch
        {
            CodeCompleteness.Complete => "complete",
            CodeCompleteness.Incomplete => "incomplete",
            CodeCompleteness.Invalid => "invalid",
            _ => "unknown",
        };
        var reply = new JsonObject { ["status"] = status };
        if (status == "incomplete") reply["indent"] = "";
        return reply;
    }
}
