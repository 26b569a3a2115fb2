using System.CommandLine;
using System.Globalization;
using Course.Cli.Workshop;
using Course.Notebooks.Documents;
using Course.Notebooks.Running;
using Spectre.Console;

namespace Course.Cli.Commands;

/// <summary>
/// `course workshop`: the teacher's kit — student handouts, the teacher's key (both with nbgrader metadata) and
/// autograding of submitted notebooks (one, or a folder of them, into a CSV grade sheet).
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
        var submitted = new Argument<string>("submissions") { Description = "A learner's filled-in student copy (.ipynb), or a folder of them: FOLDER/LEARNER/NAME.ipynb or FOLDER/LEARNER.ipynb." };
        var timeout = SecondsOption.Create("--timeout", "Seconds one cell may run (default 300).");
        var notebookTimeout = SecondsOption.Create("--notebook-timeout", "Seconds one learner's notebook may run in all (default 1200).");
        var notebooks = new Option<string>("--notebooks") { Description = "Folder with the course notebooks, whose check cells the grader puts back.", DefaultValueFactory = _ => "notebooks" };
        var csv = new Option<string?>("--csv") { Description = "Write the grade sheet here (default for a folder: grades.csv in the current folder)." };
        var command = new Command("grade", "Grade submitted notebooks: the course's check cells are put back, each notebook runs in its own process in quick mode, one row per learner and exercise.")
            { submitted, timeout, notebookTimeout, notebooks, csv };
        command.SetAction(async (parse, cancellation) =>
        {
            var path = parse.GetValue(submitted)!;
            var folder = Directory.Exists(path);
            var runs = Directory.CreateTempSubdirectory("course-grade-").FullName;
            try
            {
                if (!folder && !File.Exists(path)) throw new WorkshopException($"{path}: no such file or folder. Give a submitted notebook or a folder of them.");
                var submissions = folder ? GradeSheet.Submissions(path) : [(path, Path.GetFileNameWithoutExtension(path))];
                if (submissions.Count == 0) throw new WorkshopException($"{path} holds no .ipynb notebooks to grade.");
                var grader = new SubmissionGrader(CourseChecks.Load(parse.GetValue(notebooks)!),
                    TimeSpan.FromSeconds(parse.GetValue(timeout) ?? 300), TimeSpan.FromSeconds(parse.GetValue(notebookTimeout) ?? 1200));
                var rows = new List<GradeRow>();
                foreach (var (index, (file, learner)) in submissions.Index())
                {
                    AnsiConsole.MarkupLineInterpolated($"[bold]Grading {learner}: {file}[/]");
                    rows.AddRange(await grader.GradeAsync(file, learner, Path.Combine(runs, index.ToString("D4", CultureInfo.InvariantCulture)), cancellation));
                }
                var sheet = parse.GetValue(csv) ?? (folder ? "grades.csv" : null);
                if (sheet is not null)
                {
                    File.WriteAllText(sheet, GradeSheet.ToCsv(rows));
                    AnsiConsole.MarkupLineInterpolated($"[green]✓[/] Grade sheet: {Path.GetFullPath(sheet)} ({rows.Count} rows)");
                }
                return folder ? Summary(rows) : Report(rows, path);
            }
            catch (Exception e) when (e is WorkshopException or NotebookFormatException or IOException or UnauthorizedAccessException)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
                return 2;
            }
            finally
            {
                Directory.Delete(runs, recursive: true);
            }
        });
        return command;
    }

    private static int Report(IReadOnlyList<GradeRow> rows, string path)
    {
        if (rows.All(r => r.Exercise == "-"))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{path}: {rows[0].Verdict}. Grade a copy made by `course workshop student`.[/]");
            return 2;
        }
        var table = new Table().AddColumns("Exercise", "Points", "Verdict", "Flag");
        foreach (var r in rows)
            table.AddRow(Markup.Escape(r.Exercise), $"{Points(r.Points)}/{Points(r.Possible)}", Markup.Escape(r.Verdict), Markup.Escape(r.Flag));
        AnsiConsole.Write(table);
        Console.WriteLine($"Score: {Points(rows.Sum(r => r.Points))}/{Points(rows.Sum(r => r.Possible))}");
        return 0;
    }

    private static int Summary(IReadOnlyList<GradeRow> rows)
    {
        var table = new Table().AddColumns("Learner", "Notebook", "Points", "Flags");
        foreach (var group in rows.GroupBy(r => (r.Learner, r.Notebook)))
            table.AddRow(Markup.Escape(group.Key.Learner), Markup.Escape(group.Key.Notebook),
                $"{Points(group.Sum(r => r.Points))}/{Points(group.Sum(r => r.Possible))}",
                $"[red]{Markup.Escape(string.Join("; ", group.Select(r => r.Flag).Where(f => f.Length > 0).Distinct()))}[/]");
        AnsiConsole.Write(table);
        return 0;
    }

    private static string Points(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
