using System.Net;
using System.Text;
using Course.Notebooks.Documents;

namespace Course.Cli.Book;

/// <summary>One chapter of the book: an executed notebook and the page it becomes.</summary>
/// <param name="Source">The executed .ipynb.</param>
/// <param name="Page">The page's file name in the site (NAME.html).</param>
/// <param name="Title">The notebook's first heading, or its file name.</param>
public sealed record BookChapter(string Source, string Page, string Title);

/// <summary>
/// Builds a static HTML site from executed notebooks: an index, one page per notebook with previous/next links.
/// Everything is local: outputs are embedded as the notebooks hold them (plotly.js included), so it opens offline.
/// </summary>
public static class BookBuilder
{
    /// <summary>Builds the site from the .ipynb files in <paramref name="notebooksDirectory"/> and returns the chapters.</summary>
    public static IReadOnlyList<BookChapter> Build(string notebooksDirectory, string outputDirectory, string title)
    {
        if (!Directory.Exists(notebooksDirectory))
            throw new BookException($"{notebooksDirectory}: no such folder. Run the notebooks first (./course run notebooks -o out), then point --from at that folder.");
        var sources = Directory.GetFiles(notebooksDirectory, "*.ipynb").Order(StringComparer.Ordinal).ToList();
        if (sources.Count == 0) throw new BookException($"{notebooksDirectory} holds no .ipynb notebooks.");
        var notebooks = sources.Select(NotebookFile.Load).ToList();
        var chapters = sources.Select((s, i) => new BookChapter(s, Path.GetFileNameWithoutExtension(s) + ".html", ChapterTitle(notebooks[i], s))).ToList();
        Directory.CreateDirectory(outputDirectory);
        File.WriteAllText(Path.Combine(outputDirectory, "style.css"), BookPage.Style);
        File.WriteAllText(Path.Combine(outputDirectory, "index.html"), Index(chapters, title));
        for (var i = 0; i < chapters.Count; i++)
        {
            if (notebooks[i].Cells.Where(c => c.Kind == CellKind.Code).All(c => c.Outputs.Count == 0))
                Console.Error.WriteLine($"note: {Path.GetFileName(chapters[i].Source)} has no outputs — was it run? (./course run ... -o out)");
            var previous = i > 0 ? chapters[i - 1] : null;
            var next = i + 1 < chapters.Count ? chapters[i + 1] : null;
            File.WriteAllText(Path.Combine(outputDirectory, chapters[i].Page), BookPage.Render(notebooks[i], chapters[i], previous, next, title));
        }
        return chapters;
    }

    private static string Index(IReadOnlyList<BookChapter> chapters, string title)
    {
        var list = new StringBuilder("<ol class=\"chapters\">\n");
        foreach (var c in chapters) list.Append($"<li><a href=\"{WebUtility.HtmlEncode(c.Page)}\">{WebUtility.HtmlEncode(c.Title)}</a></li>\n");
        list.Append("</ol>\n");
        return BookPage.Layout(title, title, $"<h1>{WebUtility.HtmlEncode(title)}</h1>\n{list}", navigation: "");
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
