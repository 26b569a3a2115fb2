using System.Text.Json.Nodes;

namespace Course.Notebooks.Documents;

/// <summary>
/// A notebook in nbformat 4 (read from .ipynb or Polyglot's .dib). Top-level fields and metadata this engine
/// does not know are kept and written back.
/// </summary>
public sealed class Notebook
{
    private readonly JsonObject root;

    internal Notebook(JsonObject root, List<NotebookCell> cells, int indent)
    {
        this.root = root;
        Cells = cells;
        Indent = indent;
    }

    /// <summary>The cells, in order. Insert or remove cells here.</summary>
    public List<NotebookCell> Cells { get; }

    /// <summary>Notebook metadata (kernelspec, language_info, polyglot_notebook, …).</summary>
    public JsonObject Metadata => root["metadata"] as JsonObject ?? (JsonObject)(root["metadata"] = new JsonObject());

    /// <summary>nbformat major version (always 4).</summary>
    public int Major => (int?)root["nbformat"] ?? 4;

    /// <summary>nbformat minor version; from 5 on, cells carry ids.</summary>
    public int Minor => (int?)root["nbformat_minor"] ?? 0;

    /// <summary>True when cells must carry an id (nbformat 4.5 and later).</summary>
    public bool UsesCellIds => Minor >= 5;

    /// <summary>Spaces per indentation level in the written JSON (kept from the file read).</summary>
    public int Indent { get; }

    /// <summary>A new empty nbformat 4.5 notebook with the given metadata.</summary>
    public static Notebook Create(JsonObject metadata) =>
        new(new JsonObject { ["cells"] = new JsonArray(), ["metadata"] = metadata, ["nbformat"] = 4, ["nbformat_minor"] = 5 }, [], 1);

    /// <summary>The notebook as .ipynb JSON text.</summary>
    public string ToJson()
    {
        var cells = new JsonArray();
        root["cells"] = cells;
        try
        {
            foreach (var cell in Cells) cells.Add(cell.Json);
            return JsonText.Write(root, Indent) + "\n";
        }
        finally
        {
            cells.Clear();
        }
    }

    internal static Notebook FromRoot(JsonObject root, int indent)
    {
        Check(root["nbformat_minor"] is null || IsInt(root["nbformat_minor"]), "\"nbformat_minor\"", "a whole number", root["nbformat_minor"]);
        Check(root["metadata"] is null or JsonObject, "\"metadata\"", "an object", root["metadata"]);
        var cells = root["cells"] as JsonArray ?? throw new NotebookFormatException("the notebook has no \"cells\" list.");
        var list = new List<NotebookCell>();
        foreach (var node in cells.ToList())
        {
            var where = $"cell {list.Count + 1}";
            var json = node as JsonObject ?? throw new NotebookFormatException($"{where} is not a JSON object.");
            CheckCell(json, where);
            list.Add(new NotebookCell(json));
        }
        cells.Clear();
        return new Notebook(root, list, indent);
    }

    // Every field the engine reads is checked here, once, so a hand-edited file fails with a sentence naming the
    // field instead of an exception deep in a run.
    private static void CheckCell(JsonObject cell, string where)
    {
        Check(cell["cell_type"] is JsonValue t && t.TryGetValue<string>(out _), $"{where}: \"cell_type\"", "a string such as \"code\" or \"markdown\"", cell["cell_type"]);
        Check(IsText(cell["source"]), $"{where}: \"source\"", "a string or a list of strings", cell["source"]);
        Check(cell["id"] is null || IsString(cell["id"]), $"{where}: \"id\"", "a string", cell["id"]);
        Check(cell["metadata"] is null or JsonObject, $"{where}: \"metadata\"", "an object", cell["metadata"]);
        var tags = cell["metadata"]?["tags"];
        Check(tags is null || tags is JsonArray list && list.All(IsString), $"{where}: \"metadata.tags\"", "a list of strings", tags);
        Check(cell["outputs"] is null || cell["outputs"] is JsonArray outputs && outputs.All(o => o is JsonObject), $"{where}: \"outputs\"", "a list of objects", cell["outputs"]);
        Check(cell["execution_count"] is null || IsInt(cell["execution_count"]), $"{where}: \"execution_count\"", "a whole number or null", cell["execution_count"]);
    }

    private static bool IsInt(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out _);

    private static bool IsString(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out _);

    private static bool IsText(JsonNode? node) => node is null || IsString(node) || node is JsonArray lines && lines.All(IsString);

    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static void Check(bool ok, string field, string expected, JsonNode? found)
    {
        if (ok) return;
        var shown = found?.ToJsonString(Readable) ?? "null";
        if (shown.Length > 40) shown = shown[..40] + "…";
        throw new NotebookFormatException($"{field} must be {expected}, not {shown}. Fix that field by hand or restore the file from version control.");
    }
}
