using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Course.Notebooks.Documents;
using Course.Notebooks.Execution;
using Markdig;
using Markdig.Extensions.Mathematics;

namespace Course.Cli.Book;

/// <summary>Renders one executed notebook as an HTML page.</summary>
internal static partial class BookPage
{
    // Markdig's own math extension is off: MarkdownMath takes formulas out before conversion, as Jupyter does.
    private static readonly MarkdownPipeline Markdown = WithoutMath(new MarkdownPipelineBuilder().UseAdvancedExtensions()).Build();

    private static MarkdownPipelineBuilder WithoutMath(MarkdownPipelineBuilder builder)
    {
        builder.Extensions.TryRemove<MathExtension>();
        return builder;
    }

    // Richest first, as Jupyter front ends choose; HTML carries the Plotly charts (with plotly.js inline).
    private static readonly string[] Preferred = ["text/html", "image/png", "image/jpeg", "image/svg+xml", "text/markdown", "text/plain"];

    public static string Render(Notebook notebook, BookChapter chapter, BookChapter? previous, BookChapter? next, string bookTitle, Typesetter typesetter)
    {
        var body = new StringBuilder();
        var source = Path.GetFileName(chapter.Source); // named in warnings: the notebook is what the author fixes
        foreach (var cell in notebook.Cells)
        {
            if (cell.Kind == CellKind.Markdown) body.Append("<section class=\"markdown\">").Append(MarkdownHtml(cell.Source, typesetter, source)).Append("</section>\n");
            // The .NET Interactive set-up cell is plumbing for another kernel, not part of the lesson a reader follows.
            else if (cell.Kind == CellKind.Code && !string.IsNullOrWhiteSpace(cell.Source) && !InteractiveSetUpCell.Is(cell.Source))
                body.Append(Code(cell, typesetter, source));
        }
        var navigation = new StringBuilder("<nav class=\"chapter-nav\">");
        navigation.Append(previous is null ? "<span></span>" : Link(previous, "prev", "← "));
        navigation.Append("<a href=\"index.html\" rel=\"index\">Contents</a>");
        navigation.Append(next is null ? "<span></span>" : Link(next, "next", "", " →"));
        navigation.Append("</nav>\n");
        return Layout(chapter.Title + " — " + bookTitle, bookTitle, body.ToString(), navigation.ToString(), typesetter.Renders);
    }

    public static string Layout(string title, string bookTitle, string content, string navigation, bool typeset) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>{WebUtility.HtmlEncode(title)}</title>
        {(typeset ? "<link rel=\"stylesheet\" href=\"katex/katex.min.css\">\n<link rel=\"stylesheet\" href=\"highlight.css\">\n" : "")}<link rel="stylesheet" href="style.css">
        </head>
        <body>
        <header><a href="index.html">{WebUtility.HtmlEncode(bookTitle)}</a></header>
        {navigation}<main>
        {content}</main>
        {navigation}</body>
        </html>
        """;

    private static string Link(BookChapter chapter, string rel, string before, string after = "") =>
        $"<a href=\"{WebUtility.HtmlEncode(chapter.Page)}\" rel=\"{rel}\">{before}{WebUtility.HtmlEncode(chapter.Title)}{after}</a>";

    /// <summary>Markdown to HTML, with each <c>$…$</c> / <c>$$…$$</c> formula handed to the typesetter.</summary>
    private static string MarkdownHtml(string markdown, Typesetter typesetter, string notebook)
    {
        var (text, formulas) = MarkdownMath.Extract(markdown);
        return MarkdownMath.Restore(Markdig.Markdown.ToHtml(text, Markdown), formulas, f => typesetter.Math(f.Tex, f.Display, notebook));
    }

    private static string Code(NotebookCell cell, Typesetter typesetter, string notebook)
    {
        var html = new StringBuilder("<section class=\"code\"><pre class=\"source\"><code class=\"hljs language-csharp\">")
            .Append(typesetter.Code(cell.Source, "csharp")).Append("</code></pre>\n");
        foreach (var output in cell.Outputs.OfType<JsonObject>()) html.Append(Output(output, typesetter, notebook));
        return html.Append("</section>\n").ToString();
    }

    private static string Output(JsonObject output, Typesetter typesetter, string notebook) => (string?)output["output_type"] switch
    {
        "stream" => $"<pre class=\"output {(string?)output["name"]}\">{WebUtility.HtmlEncode(Text(output["text"]))}</pre>\n",
        "error" => $"<pre class=\"output error\">{WebUtility.HtmlEncode(ErrorText(output))}</pre>\n",
        "display_data" or "execute_result" when output["data"] is JsonObject data => Rich(data, typesetter, notebook),
        _ => "",
    };

    /// <summary>
    /// The whole traceback, as Jupyter shows it; only name and message when a kernel stored none. Kernels colour
    /// tracebacks with ANSI escapes (ipykernel does), which would show as garbage in a page, so they are removed.
    /// </summary>
    private static string ErrorText(JsonObject error)
    {
        var summary = $"{(string?)error["ename"]}: {(string?)error["evalue"]}";
        if (error["traceback"] is not JsonArray { Count: > 0 } traceback) return summary;
        var text = Ansi().Replace(string.Join('\n', traceback.Select(l => (string?)l ?? "")), "");
        // Our engine's traceback starts with the full exception name and message; others may not name the error at all.
        return text.Contains((string?)error["evalue"] ?? "", StringComparison.Ordinal) ? text : summary + "\n" + text;
    }

    private static string Rich(JsonObject data, Typesetter typesetter, string notebook)
    {
        var mime = Preferred.FirstOrDefault(data.ContainsKey);
        if (mime is null) return "";
        var value = Text(data[mime]);
        var inner = mime switch
        {
            "text/html" or "image/svg+xml" => value,
            "image/png" or "image/jpeg" => $"<img alt=\"output image\" src=\"data:{mime};base64,{value.Replace("\n", "", StringComparison.Ordinal)}\">",
            "text/markdown" => MarkdownHtml(value, typesetter, notebook),
            _ => $"<pre>{WebUtility.HtmlEncode(value)}</pre>",
        };
        return $"<div class=\"output rich\">{inner}</div>\n";
    }

    // nbformat stores multiline text as a string or a list of lines.
    private static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        null => "",
        _ => node.ToJsonString(),
    };

    [GeneratedRegex("\u001b\\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Ansi();

    public const string Style = """
        body { font-family: system-ui, sans-serif; max-width: 980px; margin: 0 auto; padding: 0 1em 3em; line-height: 1.55; color: #222; }
        header { padding: .8em 0; border-bottom: 1px solid #ddd; font-weight: 600; }
        header a { color: inherit; text-decoration: none; }
        nav.chapter-nav { display: flex; justify-content: space-between; gap: 1em; margin: 1em 0; }
        pre { background: #f6f8fa; padding: .7em 1em; overflow-x: auto; border-radius: 4px; }
        pre.source { border-left: 4px solid #4c78a8; }
        pre.output { background: #fff; border-left: 4px solid #ccc; }
        pre.output.stderr, pre.output.error { border-left-color: #c62828; color: #8b0000; }
        .output.rich { overflow-x: auto; margin: .5em 0; }
        .output img { max-width: 100%; image-rendering: pixelated; }
        table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: .2em .6em; }
        pre code.hljs { padding: 0; background: none; }
        .math.display { display: block; overflow-x: auto; overflow-y: hidden; }
        .math.tex-error { color: #c62828; border-bottom: 1px dotted #c62828; }
        """;
}
