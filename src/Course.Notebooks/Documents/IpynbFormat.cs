using System.Text.Json;
using System.Text.Json.Nodes;

namespace Course.Notebooks.Documents;

/// <summary>Reads .ipynb text (nbformat 4.0–4.5, as written by Jupyter, VS Code and Polyglot Notebooks).</summary>
public static class IpynbFormat
{
    /// <summary>Parses notebook JSON. <paramref name="name"/> is used in error messages.</summary>
    /// <exception cref="NotebookFormatException">Not JSON, not a notebook, or an nbformat other than 4.</exception>
    public static Notebook Parse(string json, string name)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException(
                $"{name} is not valid JSON: line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {FirstSentence(e.Message)} " +
                "Fix the file by hand or restore it from version control.", e);
        }
        if (node is not JsonObject root || root["nbformat"] is not JsonValue major)
            throw new NotebookFormatException($"{name} is JSON but not a Jupyter notebook (no \"nbformat\" field).");
        var minor = root["nbformat_minor"] is JsonValue m && m.TryGetValue<int>(out var n) ? n : 0;
        if (!major.TryGetValue<int>(out var majorVersion) || majorVersion != 4)
            throw new NotebookFormatException(
                $"{name} is nbformat {major.ToJsonString()}.{minor}; this engine reads nbformat 4 (4.0 to 4.5). " +
                "Convert it with `jupyter nbconvert --to notebook --nbformat 4 " + Path.GetFileName(name) + "`.");
        try
        {
            return Notebook.FromRoot(root, DetectIndent(json));
        }
        catch (NotebookFormatException e)
        {
            throw new NotebookFormatException($"{name}: {e.Message}");
        }
    }

    // JsonException messages carry "Path: $ | LineNumber: …" after the first sentence; we report those ourselves.
    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut >= 0) message = message[..cut];
        }
        return message;
    }

    private static int DetectIndent(string json)
    {
        var newline = json.IndexOf('\n');
        if (newline < 0) return 1;
        var spaces = 0;
        while (newline + 1 + spaces < json.Length && json[newline + 1 + spaces] == ' ') spaces++;
        return Math.Max(1, spaces);
    }
}
