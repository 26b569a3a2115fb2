using System.Text.Json.Nodes;

namespace Course.Notebooks.Documents;

/// <summary>
/// One cell, backed by its JSON object so fields this engine does not know (attachments, extension metadata)
/// are written back unchanged.
/// </summary>
public sealed class NotebookCell
{
    internal NotebookCell(JsonObject json) => Json = json;

    /// <summary>The cell as stored in the file.</summary>
    public JsonObject Json { get; }

    /// <summary>Markdown, code or raw.</summary>
    public CellKind Kind => (string?)Json["cell_type"] switch
    {
        "markdown" => CellKind.Markdown,
        "code" => CellKind.Code,
        "raw" => CellKind.Raw,
        _ => CellKind.Other,
    };

    /// <summary>The nbformat 4.5 cell id, or null in older notebooks.</summary>
    public string? Id => (string?)Json["id"];

    /// <summary>The cell's text. Stored as a list of lines, as nbformat writes it.</summary>
    public string Source
    {
        get => MultilineText.Read(Json["source"]);
        set => Json["source"] = MultilineText.ToLines(value);
    }

    /// <summary>The cell's metadata object (created when missing).</summary>
    public JsonObject Metadata => Json["metadata"] as JsonObject ?? (JsonObject)(Json["metadata"] = new JsonObject());

    /// <summary>The cell's tags (metadata.tags).</summary>
    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray tags ? tags.Select(t => (string?)t).OfType<string>().ToList() : [];

    /// <summary>Outputs of a code cell (created when missing); empty for other cells.</summary>
    public JsonArray Outputs => Kind != CellKind.Code ? [] : Json["outputs"] as JsonArray ?? (JsonArray)(Json["outputs"] = new JsonArray());

    /// <summary>The execution count of a code cell, or null when it has not run.</summary>
    public int? ExecutionCount
    {
        get => Json["execution_count"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;
        set => Json["execution_count"] = value;
    }

    /// <summary>A new code cell with the given source, tags and (for nbformat ≥ 4.5) id.</summary>
    public static NotebookCell NewCode(string source, string? id, params string[] tags)
    {
        var json = new JsonObject { ["cell_type"] = "code", ["execution_count"] = null };
        if (id is not null) json["id"] = id;
        json["metadata"] = tags.Length == 0 ? new JsonObject() : new JsonObject { ["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray()) };
        json["outputs"] = new JsonArray();
        json["source"] = MultilineText.ToLines(source);
        return new NotebookCell(json);
    }

    /// <summary>A new markdown cell.</summary>
    public static NotebookCell NewMarkdown(string source, string? id)
    {
        var json = new JsonObject { ["cell_type"] = "markdown" };
        if (id is not null) json["id"] = id;
        json["metadata"] = new JsonObject();
        json["source"] = MultilineText.ToLines(source);
        return new NotebookCell(json);
    }

    /// <summary>A random cell id in the form nbformat generates (8 hex digits).</summary>
    public static string NewId() => Guid.NewGuid().ToString("N")[..8];
}
