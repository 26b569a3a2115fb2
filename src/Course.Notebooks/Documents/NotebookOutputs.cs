using System.Text.Json;
using System.Text.Json.Nodes;
using Course.Hosting;
using Course.Notebooks.Formatting;

namespace Course.Notebooks.Documents;

/// <summary>Builds nbformat 4 output objects (keys in nbformat's sorted order).</summary>
public static class NotebookOutputs
{
    /// <summary>A stream output ("stdout" or "stderr").</summary>
    public static JsonObject Stream(string name, string text) =>
        new() { ["name"] = name, ["output_type"] = "stream", ["text"] = MultilineText.ToLines(text) };

    /// <summary>A display_data output.</summary>
    public static JsonObject DisplayData(MimeBundle bundle) =>
        new() { ["data"] = Data(bundle), ["metadata"] = new JsonObject(), ["output_type"] = "display_data" };

    /// <summary>An execute_result output (the cell's trailing expression).</summary>
    public static JsonObject ExecuteResult(MimeBundle bundle, int executionCount) =>
        new() { ["data"] = Data(bundle), ["execution_count"] = executionCount, ["metadata"] = new JsonObject(), ["output_type"] = "execute_result" };

    /// <summary>An error output.</summary>
    public static JsonObject Error(string name, string message, IEnumerable<string> traceback) =>
        new() { ["ename"] = name, ["evalue"] = message, ["output_type"] = "error", ["traceback"] = new JsonArray(traceback.Select(l => (JsonNode)l).ToArray()) };

    /// <summary>
    /// A bundle's data as the Jupyter messaging protocol carries it: JSON MIME types (application/json,
    /// application/vnd.plotly.v1+json) as JSON values, everything else as one string.
    /// </summary>
    public static JsonObject WireData(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, value) in bundle.Data)
            data[mime] = IsJson(mime) ? ParseOrText(value) : value;
        return data;
    }

    // nbformat keeps JSON MIME types as JSON, images as one base64 string, everything else as a list of lines.
    private static JsonObject Data(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, value) in bundle.Data.OrderBy(p => p.Key, StringComparer.Ordinal))
            data[mime] = IsJson(mime) ? ParseOrText(value) : mime.StartsWith("image/", StringComparison.Ordinal) && mime != "image/svg+xml" ? value : MultilineText.ToLines(value);
        return data;
    }

    private static bool IsJson(string mime) => mime == "application/json" || mime.EndsWith("+json", StringComparison.Ordinal);

    private static JsonNode? ParseOrText(string value)
    {
        try
        {
            return JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            return value;
        }
    }
}
