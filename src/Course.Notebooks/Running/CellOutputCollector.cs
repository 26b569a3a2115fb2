using System.Text.Json.Nodes;
using Course.Hosting;
using Course.Notebooks.Documents;
using Course.Notebooks.Execution;
using Course.Notebooks.Formatting;

namespace Course.Notebooks.Running;

/// <summary>
/// Collects a running cell's outputs into the cell, as a Jupyter front end stores them: consecutive writes to
/// the same stream merge into one output, a display update replaces the output it names, and clear_output
/// empties the cell (with wait, just before the next output arrives). Call <see cref="Complete"/> when the cell
/// has ended. Progress reports are not outputs: they go to <paramref name="onProgress"/> (the run's observer).
/// </summary>
public sealed class CellOutputCollector(NotebookCell cell, Action<CellProgress>? onProgress = null) : IOutputSink
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, JsonObject> displays = [];
    private bool clearBeforeNextOutput;

    // The stream output being written to, with the end of its text not yet ended by a newline. Whole lines go
    // into the output as they come and the unfinished one waits here, so 100,000 printed lines cost 100,000
    // appends, not 100,000 re-joins and re-splits of everything printed so far.
    private JsonObject? openStream;
    private readonly System.Text.StringBuilder unfinishedLine = new();

    /// <inheritdoc />
    public void Stream(string name, string text)
    {
        if (text.Length == 0) return;
        lock (gate)
        {
            ClearIfPending();
            var outputs = cell.Outputs;
            if (openStream is null || outputs.Count == 0 || !ReferenceEquals(outputs[^1], openStream) || (string?)openStream["name"] != name)
                openStream = OpenStream(name);
            var lines = (JsonArray)openStream["text"]!;
            var start = 0;
            for (var end = text.IndexOf('\n'); end >= 0; end = text.IndexOf('\n', start))
            {
                unfinishedLine.Append(text, start, end + 1 - start);
                lines.Add(unfinishedLine.ToString());
                unfinishedLine.Clear();
                start = end + 1;
            }
            unfinishedLine.Append(text, start, text.Length - start);
        }
    }

    /// <summary>Writes what is still buffered into the cell; call when the cell has ended (or is abandoned).</summary>
    public void Complete()
    {
        lock (gate) CloseStream();
    }

    // Continues the last output when it is this stream (consecutive writes merge, as in Jupyter), else starts one.
    private JsonObject OpenStream(string name)
    {
        CloseStream();
        var outputs = cell.Outputs;
        if (outputs.Count > 0 && outputs[^1] is JsonObject last && (string?)last["output_type"] == "stream" && (string?)last["name"] == name)
        {
            var lines = MultilineText.ToLines(MultilineText.Read(last["text"]));
            if (lines.Count > 0 && !((string)lines[^1]!).EndsWith('\n'))
            {
                unfinishedLine.Append((string)lines[^1]!);
                lines.RemoveAt(lines.Count - 1);
            }
            last["text"] = lines;
            return last;
        }
        var output = NotebookOutputs.Stream(name, "");
        output["text"] = new JsonArray();
        outputs.Add(output);
        return output;
    }

    private void CloseStream()
    {
        if (openStream is not null && unfinishedLine.Length > 0)
            ((JsonArray)openStream["text"]!).Add(unfinishedLine.ToString());
        unfinishedLine.Clear();
        openStream = null;
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
                CloseStream();
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
            CloseStream();
            clearBeforeNextOutput = true;
            if (!wait) ClearIfPending();
        }
    }

    /// <inheritdoc />
    public void Progress(CellProgress progress) => onProgress?.Invoke(progress);

    /// <summary>Adds a final output (result or error) after the cell ended.</summary>
    public void Add(JsonObject output)
    {
        lock (gate)
        {
            CloseStream();
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
