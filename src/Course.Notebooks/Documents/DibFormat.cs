using System.Text;
using System.Text.Json.Nodes;

namespace Course.Notebooks.Documents;

/// <summary>
/// Polyglot Notebooks' plain-text format: an optional <c>#!meta</c> section holding JSON kernel info, then
/// sections that each start with a kernel line (<c>#!markdown</c>, <c>#!csharp</c>, <c>#!fsharp</c>, …).
/// A .dib holds no outputs; running one writes an .ipynb.
/// </summary>
public static class DibFormat
{
    /// <summary>Parses .dib text into an nbformat 4.5 notebook.</summary>
    public static Notebook Parse(string text, string name)
    {
        var sections = new List<(string Kernel, StringBuilder Body, int Line)>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var kernel = lines[i].StartsWith("#!", StringComparison.Ordinal) ? lines[i][2..].Trim() : null;
            if (kernel is not null && (kernel == "meta" || CellLanguage.KnownKernels.ContainsKey(kernel)))
                sections.Add((kernel, new StringBuilder(), i + 1));
            else if (sections.Count > 0)
                sections[^1].Body.Append(lines[i]).Append('\n');
            else if (lines[i].Trim().Length > 0)
                throw new NotebookFormatException($"{name}, line {i + 1}: text before the first section. A .dib file starts with a line such as #!meta, #!markdown or #!csharp.");
        }

        var kernelInfo = new JsonObject { ["defaultKernelName"] = CellLanguage.CSharp, ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = CellLanguage.CSharp }) };
        var notebook = Notebook.Create(PolyglotMetadata(kernelInfo));
        foreach (var (kernel, body, line) in sections)
        {
            var content = body.ToString().Trim('\n');
            if (kernel == "meta")
            {
                try
                {
                    var meta = JsonNode.Parse(content) as JsonObject ?? throw new NotebookFormatException("not a JSON object");
                    if (meta["kernelInfo"] is JsonObject info) notebook.Metadata["polyglot_notebook"] = new JsonObject { ["kernelInfo"] = info.DeepClone() };
                }
                catch (Exception e) when (e is System.Text.Json.JsonException or NotebookFormatException)
                {
                    throw new NotebookFormatException($"{name}, line {line}: the #!meta section is not valid JSON ({e.Message}).", e);
                }
                continue;
            }
            var canonical = CellLanguage.KnownKernels[kernel];
            var cell = canonical == "markdown" ? NotebookCell.NewMarkdown(content, NotebookCell.NewId()) : NotebookCell.NewCode(content, NotebookCell.NewId());
            if (canonical != "markdown")
                cell.Metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = kernel };
            notebook.Cells.Add(cell);
        }
        return notebook;
    }

    /// <summary>The notebook as .dib text (outputs are dropped: the format has no place for them).</summary>
    public static string Write(Notebook notebook)
    {
        var text = new StringBuilder();
        if (notebook.Metadata["polyglot_notebook"] is JsonObject { } polyglot && polyglot["kernelInfo"] is JsonObject info)
            text.Append("#!meta\n\n").Append(info.Parent!.ToJsonString()).Append("\n\n");
        foreach (var cell in notebook.Cells)
        {
            var kernel = cell.Kind == CellKind.Markdown ? "markdown"
                : (string?)(cell.Metadata["polyglot_notebook"] as JsonObject)?["kernelName"] ?? CellLanguage.Of(notebook, cell);
            text.Append("#!").Append(kernel).Append("\n\n").Append(cell.Source.TrimEnd('\n')).Append("\n\n");
        }
        return text.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>Notebook metadata as Polyglot Notebooks writes it for a C# notebook.</summary>
    public static JsonObject PolyglotMetadata(JsonObject kernelInfo) => new()
    {
        ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
        ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
        ["polyglot_notebook"] = new JsonObject { ["kernelInfo"] = kernelInfo },
    };
}
