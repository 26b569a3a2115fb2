using System.CommandLine;
using Course.Cli.Book;
using Course.Notebooks.Documents;
using Spectre.Console;

namespace Course.Cli.Commands;

/// <summary>`course book`: a static HTML site of executed notebooks that opens offline.</summary>
internal static class BookCommand
{
    public static Command Create()
    {
        var output = new Argument<string>("out") { Description = "Folder for the site (index.html and one page per notebook)." };
        var from = new Option<string>("--from") { Description = "Folder of executed notebooks (e.g. from `course run notebooks -o out`).", DefaultValueFactory = _ => "out" };
        var title = new Option<string>("--title") { Description = "The book's title.", DefaultValueFactory = _ => "Accuracy vs. Speed: the art of training models" };
        var plain = new Option<bool>("--plain") { Description = "Build without Node.js: formulas stay TeX and code is not highlighted (normally KaTeX and highlight.js, installed once with npm)." };
        var command = new Command("book", "Build a static HTML site from executed notebooks: math typeset, code highlighted, outputs and errors in full.") { output, from, title, plain };
        command.SetAction(parse =>
        {
            try
            {
                var book = BookBuilder.Build(parse.GetValue(from)!, parse.GetValue(output)!, parse.GetValue(title)!, parse.GetValue(plain));
                // Plain lines, not console markup: a long formula must not be wrapped or read as markup.
                foreach (var problem in book.TexProblems) Console.Error.WriteLine($"warning: KaTeX cannot typeset {problem}; the page shows it as TeX.");
                if (!book.Typeset)
                    Console.Error.WriteLine($"plain book (--plain): {book.Formulas} formulas left as TeX, code not highlighted.");
                AnsiConsole.MarkupLineInterpolated($"[green]✓[/] {book.Chapters.Count} chapters → {Path.Combine(parse.GetValue(output)!, "index.html")}");
                return 0;
            }
            catch (Exception e) when (e is BookException or NotebookFormatException)
            {
                Console.Error.WriteLine(e.Message); // unwrapped: the message names paths and commands to copy
                return 2;
            }
        });
        return command;
    }
}
