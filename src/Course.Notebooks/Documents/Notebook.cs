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
        var cells = root["cells"] as JsonArray ?? throw new NotebookFormatException("the notebook has no \"cells\" list.");
        var list = new List<NotebookCell>();
        foreach (var node in cells.ToList())
            list.Add(new NotebookCell(node as JsonObject ?? throw new NotebookFormatException($"cell {list.Count + 1} is not a JSON object.")));
        cells.Clear();
        return new Notebook(root, list, indent);
    }
}
