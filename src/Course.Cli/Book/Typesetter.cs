using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Course.Cli.Book;

/// <summary>
/// Collects every formula and code cell of the book while its pages are rendered, then typesets them all in one Node
/// run (KaTeX, highlight.js) and puts the results in place. Pages first hold a placeholder per item, so one process
/// serves the whole book. Without assets (<c>--plain</c>) items are written as escaped text at once.
/// </summary>
internal sealed partial class Typesetter(BookAssets? assets)
{
    private readonly List<(string Tex, bool Display, string Notebook)> formulas = [];
    private readonly List<(string Source, string Language)> code = [];

    /// <summary>True when formulas and code are rendered; false for a <c>--plain</c> book.</summary>
    public bool Renders => assets is not null;

    /// <summary>How many formulas the book has.</summary>
    public int Formulas => formulas.Count;

    /// <summary>Formulas that KaTeX could not typeset: notebook, TeX and KaTeX's message. They stay visible as TeX.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>HTML for a formula of <paramref name="notebook"/> (or its placeholder until <see cref="Finish"/>).</summary>
    public string Math(string tex, bool display, string notebook)
    {
        formulas.Add((tex, display, notebook)); // counted in a plain book too, to report what stays TeX
        if (assets is null) return AsTex(tex, display, error: null);
        return $"<!--typeset:math:{formulas.Count - 1}-->";
    }

    /// <summary>The HTML inside <c>&lt;code&gt;</c> for a code cell (or its placeholder until <see cref="Finish"/>).</summary>
    public string Code(string source, string language)
    {
        if (assets is null) return WebUtility.HtmlEncode(source);
        code.Add((source, language));
        return $"<!--typeset:code:{code.Count - 1}-->";
    }

    /// <summary>Typesets everything collected and returns <paramref name="pages"/> with the placeholders replaced.</summary>
    public IReadOnlyList<string> Finish(IReadOnlyList<string> pages)
    {
        if (assets is null || (formulas.Count == 0 && code.Count == 0)) return pages;
        var request = new JsonObject
        {
            ["math"] = new JsonArray([.. formulas.Select(f => new JsonObject { ["tex"] = f.Tex, ["display"] = f.Display })]),
            ["code"] = new JsonArray([.. code.Select(c => new JsonObject { ["source"] = c.Source, ["language"] = c.Language })]),
        };
        // Absolute, in the temp folder: Node runs in the cache folder, and the site is only written once typesetting worked.
        var requestFile = Path.Combine(Path.GetTempPath(), $"course-book-{Guid.NewGuid():N}.json");
        File.WriteAllText(requestFile, request.ToJsonString());
        string answer;
        try
        {
            answer = assets.Render(requestFile);
        }
        finally
        {
            File.Delete(requestFile);
        }
        var rendered = JsonNode.Parse(answer) as JsonObject
                       ?? throw new BookException($"The typesetting script answered with something other than a JSON object: {answer[..System.Math.Min(200, answer.Length)]}");
        var math = formulas.Select((f, i) => MathHtml(f, rendered["math"]?[i])).ToList();
        var highlighted = code.Select((c, i) => (string?)rendered["code"]?[i] ?? WebUtility.HtmlEncode(c.Source)).ToList();
        return [.. pages.Select(page => Placeholder().Replace(page, m =>
            m.Groups["kind"].Value == "math" ? math[int.Parse(m.Groups["index"].Value)] : highlighted[int.Parse(m.Groups["index"].Value)]))];
    }

    private string MathHtml((string Tex, bool Display, string Notebook) formula, JsonNode? result)
    {
        if ((string?)result?["html"] is { } html) return formula.Display ? $"<span class=\"math display\">{html}</span>" : html;
        var error = (string?)result?["error"] ?? "no answer from the typesetting script";
        Problems.Add($"{formula.Notebook}: ${formula.Tex}$ — {error}");
        return AsTex(formula.Tex, formula.Display, error);
    }

    // The formula as its author wrote it, so a reader still sees it; a bad one is marked and carries KaTeX's message.
    // Always a span: a formula may sit inside a markdown paragraph, where a div is not allowed.
    private static string AsTex(string tex, bool display, string? error)
    {
        var classes = "math" + (display ? " display" : "") + (error is null ? "" : " tex-error");
        var title = error is null ? "" : $" title=\"{WebUtility.HtmlEncode(error)}\"";
        return $"<span class=\"{classes}\"{title}>{WebUtility.HtmlEncode(MarkdownMath.Delimited(new Formula(tex, display)))}</span>";
    }

    [GeneratedRegex("<!--typeset:(?<kind>math|code):(?<index>[0-9]+)-->")]
    private static partial Regex Placeholder();
}
