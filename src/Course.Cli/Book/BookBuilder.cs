using System.Net;
using System.Text;
using Course.Notebooks.Documents;

namespace Course.Cli.Book;

/// <summary>One chapter of the book: an executed notebook and the page it becomes.</summary>
/// <param name="Source">The executed .ipynb.</param>
/// <param name="Page">The page's file name in the site (NAME.html).</param>
/// <param name="Title">The notebook's first heading, or its file name.</param>
public sealed record BookChapter(string Source, string Page, string Title);

/// <summary>What a build produced: the chapters, and whether formulas and code were typeset.</summary>
/// <param name="Chapters">The chapters in reading order.</param>
/// <param name="Typeset">False for a <c>--plain</c> book: formulas stay TeX, code is not highlighted.</param>
/// <param name="Formulas">Formulas in the book (typeset with KaTeX unless plain).</param>
/// <param name="TexProblems">Formulas KaTeX rejected (page, TeX, message); they show as marked TeX.</param>
public sealed record BookResult(IReadOnlyList<BookChapter> Chapters, bool Typeset, int Formulas, IReadOnlyList<string> TexProblems);

/// <summary>
/// Builds a static HTML site from executed notebooks: an index, one page per notebook with previous/next links.
/// Everything is local: outputs are embedded as the notebooks hold them (plotly.js included), formulas are typeset
/// with KaTeX and code highlighted with highlight.js while the book is built (their stylesheet and fonts are copied
/// into the site), so it opens offline, from file://, without running any script of ours.
/// </summary>
public static class BookBuilder
{
    /// <summary>
    /// Builds the site from the .ipynb files in <paramref name="notebooksDirectory"/>. With <paramref name="plain"/>
    /// nothing needs Node.js: formulas are left as TeX and code is not highlighted.
    /// </summary>
    public static BookResult Build(string notebooksDirectory, string outputDirectory, string title, bool plain = false, string? assetCache = null)
    {
        if (!Directory.Exists(notebooksDirectory))
            throw new BookException($"{notebooksDirectory}: no such folder. Run the notebooks first (./course run notebooks -o out), then point --from at that folder.");
        var sources = Directory.GetFiles(notebooksDirectory, "*.ipynb").Order(StringComparer.Ordinal).ToList();
        if (sources.Count == 0) throw new BookException($"{notebooksDirectory} holds no .ipynb notebooks.");
        var notebooks = sources.Select(NotebookFile.Load).ToList();
        var chapters = sources.Select((s, i) => new BookChapter(s, Path.GetFileNameWithoutExtension(s) + ".html", ChapterTitle(notebooks[i], s))).ToList();
        var assets = plain ? null : BookAssets.Install(assetCache); // before writing anything, so a failure leaves no half site
        var typesetter = new Typesetter(assets);
        var pages = new List<string>();
        for (var i = 0; i < chapters.Count; i++)
        {
            if (notebooks[i].Cells.Where(c => c.Kind == CellKind.Code).All(c => c.Outputs.Count == 0))
                Console.Error.WriteLine($"note: {Path.GetFileName(chapters[i].Source)} has no outputs — was it run? (./course run ... -o out)");
            var previous = i > 0 ? chapters[i - 1] : null;
            var next = i + 1 < chapters.Count ? chapters[i + 1] : null;
            pages.Add(BookPage.Render(notebooks[i], chapters[i], previous, next, title, typesetter));
        }
        var typeset = typesetter.Finish(pages);
        Directory.CreateDirectory(outputDirectory);
        assets?.CopyInto(outputDirectory);
        File.WriteAllText(Path.Combine(outputDirectory, "style.css"), BookPage.Style);
        File.WriteAllText(Path.Combine(outputDirectory, "index.html"), Index(chapters, title));
        for (var i = 0; i < chapters.Count; i++) File.WriteAllText(Path.Combine(outputDirectory, chapters[i].Page), typeset[i]);
        return new BookResult(chapters, typesetter.Renders, typesetter.Formulas, typesetter.Problems);
    }

    private static string Index(IReadOnlyList<BookChapter> chapters, string title)
    {
        var list = new StringBuilder("<ol class=\"chapters\">\n");
        foreach (var c in chapters) list.Append($"<li><a href=\"{WebUtility.HtmlEncode(c.Page)}\">{WebUtility.HtmlEncode(c.Title)}</a></li>\n");
        list.Append("</ol>\n");
        return BookPage.Layout(title, title, $"<h1>{WebUtility.HtmlEncode(title)}</h1>\n{list}", navigation: "", typeset: false);
    }

    private static string ChapterTitle(Notebook notebook, string path)
    {
        var heading = notebook.Cells.Where(c => c.Kind == CellKind.Markdown)
            .SelectMany(c => c.Source.Split('\n')).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal));
        return heading is null ? Path.GetFileNameWithoutExtension(path) : heading[2..].Trim();
    }
}

/// <summary>The book could not be built; the message says what to fix.</summary>
public sealed class BookException(string message) : Exception(message);
