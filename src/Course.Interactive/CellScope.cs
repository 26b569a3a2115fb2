using Course.Hosting;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Course.Interactive;

/// <summary>
/// Makes each .NET Interactive submission a course cell (<see cref="CellContext"/>), as the course's engine does: library
/// code that shows or updates an output (<c>Display.Show</c>, a live training chart) or stops on cancellation then
/// works there too, and charts share one <see cref="FormatSession"/>, so plotly.js is sent once per kernel.
/// </summary>
internal static class CellScope
{
    private static readonly FormatSession Session = new();

    public static async Task AroundSubmission(KernelCommand command, KernelInvocationContext context, KernelPipelineContinuation next)
    {
        if (command is not SubmitCode)
        {
            await next(command, context).ConfigureAwait(false);
            return;
        }
        using var scope = CellContext.Enter(new InteractiveOutputSink(context), context.CancellationToken, Session);
        await next(command, context).ConfigureAwait(false);
    }
}

/// <summary>A cell's outputs as .NET Interactive events of the submission that runs it.</summary>
internal sealed class InteractiveOutputSink(KernelInvocationContext context) : IOutputSink
{
    public void Stream(string name, string text)
    {
        var values = new[] { new FormattedValue(PlainTextFormatter.MimeType, text) };
        context.Publish(name == "stderr"
            ? new StandardErrorValueProduced(context.Command, values)
            : new StandardOutputValueProduced(context.Command, values));
    }

    public void Display(MimeBundle bundle, string? displayId, bool update)
    {
        var values = FormatterBridge.FormattedValues(bundle);
        var id = displayId ?? Guid.NewGuid().ToString("N");
        context.Publish(update
            ? new DisplayedValueUpdated(null, id, context.Command, values)
            : new DisplayedValueProduced(null, context.Command, values, id));
    }

    // .NET Interactive has no event that clears a cell's outputs; nothing in the course library clears one
    // (Display.Clear is for notebook code), so under .NET Interactive clear_output is unsupported: say so.
    public void Clear(bool wait) => throw new NotSupportedException(
        ".NET Interactive cannot clear a cell's outputs. Update a display in place instead: var shown = display(x); shown.Update(y);");
}
