using System.Text.Json.Nodes;
using Course.Hosting;
using Course.Notebooks.Documents;
using Course.Notebooks.Execution;
using Course.Notebooks.Formatting;

namespace Course.Notebooks.Running;

/// <summary>
/// Collects a running cell's outputs into the cell, as a Jupyter front end stores them: consecutive writes to
/// the same stream merge into one output, a display update replaces the output it names, and clear_output
/// empties the cell (with wait, just before the next output arrives).
/// </summary>
public sealed class CellOutputCollector(NotebookCell cell) : IOutputSink
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, JsonObject> displays = [];
    private bool clearBeforeNextOutput;

    /// <inheritdoc />
    public void Stream(string name, string text)
    {
        if (text.Length == 0) return;
        lock (gate)
        {
            ClearIfPending();
            var outputs = cell.Outputs;
            if (outputs.Count > 0 && outputs[^1] is JsonObject last && (string?)last["output_type"] == "stream" && (string?)last["name"] == name)
                last["text"] = MultilineText.ToLines(MultilineText.Read(last["text"]) + text);
            else
                outputs.Add(NotebookOutputs.Stream(name, text));
        }
    }

    /// <inheritdoc />
    public void Display(MimeBundle bundle, string? displayId, bool update)
    {
        lock (gate)
        {
            var output = NotebookOutputs.DisplayData(bundle);
            if (update)
            {
                // Jupyter ignores updates to a display it has not seen (or has cleared); so do we.
                if (displayId is null || !displays.TryGetValue(displayId, out var shown)) return;
                var index = cell.Outputs.IndexOf(shown);
                if (index < 0) return;
                cell.Outputs[index] = output;
            }
            else
            {
                ClearIfPending();
                cell.Outputs.Add(output);
            }
            if (displayId is not null) displays[displayId] = output;
        }
    }

    /// <inheritdoc />
    public void Clear(bool wait)
    {
        lock (gate)
        {
            clearBeforeNextOutput = true;
            if (!wait) ClearIfPending();
        }
    }

    /// <summary>Adds a final output (result or error) after the cell ended.</summary>
    public void Add(JsonObject output)
    {
        lock (gate)
        {
            ClearIfPending();
            cell.Outputs.Add(output);
        }
    }

    private void ClearIfPending()
    {
        if (!clearBeforeNextOutput) return;
        clearBeforeNextOutput = false;
        cell.Outputs.Clear();
        displays.Clear();
    }
}
