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
        var command = new Command("book", "Build a static HTML site from executed notebooks.") { output, from, title };
        command.SetAction(parse =>
        {
            try
            {
                var chapters = BookBuilder.Build(parse.GetValue(from)!, parse.GetValue(output)!, parse.GetValue(title)!);
                AnsiConsole.MarkupLineInterpolated($"[green]✓[/] {chapters.Count} chapters → {Path.Combine(parse.GetValue(output)!, "index.html")}");
                return 0;
            }
            catch (Exception e) when (e is BookException or NotebookFormatException)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
                return 2;
            }
        });
        return command;
    }
}
