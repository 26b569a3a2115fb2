using System.CommandLine;
using System.Globalization;
using Course.Cli.Workshop;
using Course.Notebooks.Documents;
using Course.Notebooks.Running;
using Spectre.Console;

namespace Course.Cli.Commands;

/// <summary>
/// `course workshop`: the teacher's kit — student handouts, the teacher's key (both with nbgrader metadata) and
/// autograding of a submitted notebook.
/// </summary>
internal static class WorkshopCommand
{
    public static Command Create() => new("workshop", "Prepare and grade a teaching workshop.")
    {
        Copies("student", WorkshopEdition.Student, "Student handouts: exercise stubs, no solutions, no hidden tests, no outputs, nbgrader metadata."),
        Copies("teacher", WorkshopEdition.Teacher, "The teacher's key: the notebooks with the worked solutions filled in, nbgrader metadata."),
        Grade(),
        WorkshopCacheCommand.Create(),
    };

    private static Command Copies(string name, WorkshopEdition edition, string description)
    {
        var output = new Argument<string>("out") { Description = "Folder for the copies." };
        var notebooks = new Option<string>("--notebooks") { Description = "Folder with the course notebooks (and solutions/).", DefaultValueFactory = _ => "notebooks" };
        var command = new Command(name, description) { output, notebooks };
        command.SetAction(parse =>
        {
            try
            {
                if (FilePaths.Same(parse.GetValue(notebooks)!, parse.GetValue(output)!))
                    throw new WorkshopException($"The output folder {parse.GetValue(output)} is the course notebooks folder itself, so the copies would replace the notebooks. Give another folder, e.g. course workshop {name} workshop-{name}.");
                foreach (var file in WorkshopCopies.WriteAll(parse.GetValue(notebooks)!, parse.GetValue(output)!, edition))
                    AnsiConsole.MarkupLineInterpolated($"[green]✓[/] {file}");
                return 0;
            }
            catch (Exception e) when (e is WorkshopException or NotebookFormatException)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
                return 2;
            }
        });
        return command;
    }

    private static Command Grade()
    {
        var submitted = new Argument<string>("notebook") { Description = "A learner's filled-in student copy (.ipynb)." };
        var timeout = SecondsOption.Create("--timeout", "Seconds one cell may run (default 300).");
        var command = new Command("grade", "Run a submitted notebook in quick mode and report points per exercise.") { submitted, timeout };
        command.SetAction(async (parse, cancellation) =>
        {
            var path = parse.GetValue(submitted)!;
            var runs = Directory.CreateTempSubdirectory("course-grade-").FullName;
            try
            {
                // Errors in a learner's cell must not stop the checks after it: run with errors allowed.
                var options = new RunOptions(TimeSpan.FromSeconds(parse.GetValue(timeout) ?? 300), AllowErrors: true, "Raise --timeout.");
                await new NotebookBatch([], options, quick: true, TimeSpan.FromSeconds(5)).RunAsync(path, runs, inPlace: false, cancellation);
                var executed = Path.Combine(runs, Path.GetFileName(path));
                if (!File.Exists(executed))
                {
                    AnsiConsole.MarkupLineInterpolated($"[red]{path} could not be run, so it was not graded (see above).[/]");
                    return 2;
                }
                return Report(NotebookScore.Of(NotebookFile.Load(executed)), path);
            }
            finally
            {
                Directory.Delete(runs, recursive: true);
            }
        });
        return command;
    }

    private static int Report(IReadOnlyList<ExerciseScore> scores, string path)
    {
        if (scores.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{path} has no graded cells. Grade a copy made by `course workshop student`.[/]");
            return 2;
        }
        var table = new Table().AddColumns("Exercise", "Points", "Verdict");
        foreach (var s in scores)
            table.AddRow(Markup.Escape(s.GradeId), $"{Points(s.Earned)}/{Points(s.Possible)}", Markup.Escape(s.Verdict));
        AnsiConsole.Write(table);
        Console.WriteLine($"Score: {Points(scores.Sum(s => s.Earned))}/{Points(scores.Sum(s => s.Possible))}");
        return 0;
    }

    private static string Points(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
