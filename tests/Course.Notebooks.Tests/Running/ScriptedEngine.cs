using System.Diagnostics;
using Course.Hosting;
using Course.Notebooks.Execution;
using Course.Notebooks.Formatting;

namespace Course.Notebooks.Tests.Running;

/// <summary>
/// A stand-in engine for runner tests, driven by one command per line: "print TEXT", "display TEXT",
/// "update TEXT" (updates the last display), "clear" or "clear wait", "value TEXT", "fail LINE MESSAGE", "hang" (waits for cancellation).
/// </summary>
internal sealed class ScriptedEngine : INotebookEngine
{
    public List<string> Executed { get; } = [];

    public async Task<CellResult> ExecuteAsync(string code, IOutputSink output, CancellationToken cancellation)
    {
        Executed.Add(code);
        var clock = Stopwatch.StartNew();
        MimeBundle? value = null;
        string? lastDisplay = null;
        foreach (var line in code.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var (verb, rest) = line.IndexOf(' ') is var space and > 0 ? (line[..space], line[(space + 1)..]) : (line, "");
            switch (verb)
            {
                case "print": output.Stream("stdout", rest + "\n"); break;
                case "display": lastDisplay = Guid.NewGuid().ToString(); output.Display(MimeBundle.Text(rest), lastDisplay, false); break;
                case "update": output.Display(MimeBundle.Text(rest), lastDisplay, true); break;
                case "clear": output.Clear(wait: rest == "wait"); break;
                case "value": value = MimeBundle.Text(rest); break;
                case "fail":
                    var parts = rest.Split(' ', 2);
                    return new CellResult(CellStatus.Error, null, new CellError("InvalidOperationException", parts[1], [$"InvalidOperationException: {parts[1]}", $"   at line {parts[0]}"], int.Parse(parts[0])), clock.Elapsed);
                case "hang":
                    try
                    {
                        await Task.Delay(Timeout.Infinite, cancellation);
                    }
                    catch (OperationCanceledException)
                    {
                        return new CellResult(CellStatus.Cancelled, null, null, clock.Elapsed);
                    }
                    break;
            }
        }
        return new CellResult(CellStatus.Ok, value, null, clock.Elapsed);
    }

    public Task<Completions> CompleteAsync(string code, int cursor, CancellationToken cancellation) => throw new NotSupportedException();
    public Task<string?> InspectAsync(string code, int cursor, CancellationToken cancellation) => throw new NotSupportedException();
    public CodeCompleteness IsComplete(string code) => CodeCompleteness.Complete;
    public void Dispose() { }
}
