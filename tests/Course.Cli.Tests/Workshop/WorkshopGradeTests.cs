using System.Globalization;
using System.Text.RegularExpressions;
using Course.Cli.Tests.CourseNotebooks;
using Course.Cli.Tests.Doctor;
using Course.Cli.Tests.Running;
using Course.Cli.Workshop;
using Course.Notebooks.Documents;

namespace Course.Cli.Tests.Workshop;

/// <summary>`course workshop grade` on a real course notebook's exercises (only those cells, to keep the runs short).</summary>
public sealed partial class WorkshopGradeTests : IDisposable
{
    private const string Name = "01-regression-losses";
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    [Trait("Category", "Slow")]
    public void Solutions_score_full_points_and_the_untouched_copy_scores_zero()
    {
        int exercises = CourseNotebook.Load(Name).Exercises.Count;
        Assert.Equal($"Score: {exercises}/{exercises}", Grade(WorkshopEdition.Teacher));
        Assert.Equal($"Score: 0/{exercises}", Grade(WorkshopEdition.Student));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Under_nbgrader_a_check_that_does_not_pass_fails_its_cell()
    {
        var path = ExercisesOnly(WorkshopEdition.Student);
        var log = RunUnderNbgrader(path, Path.Combine(dir.Path, "out"));
        var executedPath = Path.Combine(dir.Path, "out", Path.GetFileName(path));
        Assert.True(File.Exists(executedPath), log);
        var executed = NotebookFile.Load(executedPath);
        var checks = executed.Cells.Where(c => NbgraderCells.Of(c) is { } m && (bool?)m["grade"] == true).ToList();
        Assert.NotEmpty(checks);
        Assert.All(checks, c => Assert.Contains(c.Outputs, o => (string?)o!["output_type"] == "error" && ((string?)o["evalue"] ?? "").Contains("NotAttempted")));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_folder_of_submissions_gives_one_row_per_learner_and_exercise_and_forgeries_score_nothing()
    {
        var course = CourseNotebook.Load(Name);
        var ids = course.Exercises.Select(e => e.Id).ToList();
        var solutions = course.Exercises.ToDictionary(e => e.Id, e => e.Solution);
        var folder = Path.Combine(dir.Path, "submitted");
        // ada solved everything; ben's MSE never returns; cleo's BCE does not compile; dan edited the cross-entropy
        // check (his answer is still the stub); eve left the stubs and declared her own Exercise class that shows passes.
        Submit(folder, "ada", solutions);
        Submit(folder, "ben", solutions, ("01-mse", "double MseOf(double[] y, double[] p) { while (true) { } }"));
        Submit(folder, "cleo", solutions, ("01-bce", "double BceOf(double[] y, double[] p) => -y.Zip(p, (a, b) => a * Math.Log(b)).Average("));
        var dan = Submit(folder, "dan", solutions, ("01-cross-entropy", course.Exercises.Single(e => e.Id == "01-cross-entropy").Stub));
        var danCheck = dan.Cells.Single(c => (string?)NbgraderCells.Of(c)?["grade_id"] == "check-01-cross-entropy");
        danCheck.Source = "Console.WriteLine(\"[Pass] 01-cross-entropy: ✔ Correct. Well done.\");";
        NotebookFile.Save(dan, Path.Combine(folder, "dan", Name + ".ipynb"));
        var eve = Submit(folder, "eve", course.Exercises.ToDictionary(e => e.Id, e => e.Stub));
        eve.Cells.Insert(0, NotebookCell.NewCode(ForgedExercise, "eve-forgery"));
        NotebookFile.Save(eve, Path.Combine(folder, "eve", Name + ".ipynb"));
        Directory.CreateDirectory(Path.Combine(folder, "fay"));
        File.WriteAllText(Path.Combine(folder, "fay", Name + ".ipynb"), "{ not a notebook");

        // Against the course's own check cells (Exercise unqualified), eve's class fools every check into a pass.
        var naive = course.ExercisesOnly(e => e.Stub);
        naive.Cells.Insert(0, NotebookCell.NewCode(ForgedExercise, "eve-forgery"));
        var naivePath = Path.Combine(dir.Path, "naive-eve.ipynb");
        NotebookFile.Save(naive, naivePath);
        var fooled = RunNotebook(naivePath).Cells.Where(c => c.Source.Contains("Exercise.Check(", StringComparison.Ordinal)).ToList();
        Assert.Equal(ids.Count, fooled.Count);
        Assert.All(fooled, c => Assert.Equal("Pass", Assert.Single(CourseNotebook.Verdicts(c)).Outcome));

        var sheet = Path.Combine(dir.Path, "grades.csv");
        var (exit, output) = CourseProcess.Run(Repo.Root, TimeSpan.FromMinutes(8), "workshop", "grade", folder, "--csv", sheet, "--timeout", "8");
        Assert.True(exit == 0, output);
        var records = Course.Experiments.Csv.Parse(File.ReadAllText(sheet));
        Assert.Equal(GradeSheet.Columns, records[0]);
        var rows = records.Skip(1).Select(r => new GradeRow(r[0], r[1], r[2], double.Parse(r[3], CultureInfo.InvariantCulture), double.Parse(r[4], CultureInfo.InvariantCulture), r[5], r[6])).ToList();
        Assert.Equal(6 * ids.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal((Name + ".ipynb", 1.0), (r.Notebook, r.Possible)));
        GradeRow Row(string learner, string id) => rows.Single(r => r.Learner == learner && r.Exercise == id);

        Assert.All(ids, id => Assert.Equal((1.0, ""), (Row("ada", id).Points, Row("ada", id).Flag)));
        Assert.Contains("TimeoutError", Row("ben", "01-mse").Verdict);
        Assert.Contains("error", Row("cleo", "01-bce").Verdict);
        Assert.Equal(0, Row("ben", "01-mse").Points + Row("cleo", "01-bce").Points);
        Assert.All(ids.Where(id => id != "01-mse"), id => Assert.Equal(1.0, Row("ben", id).Points));
        Assert.All(ids.Where(id => id != "01-bce"), id => Assert.Equal(1.0, Row("cleo", id).Points));

        Assert.Equal((0.0, "check cell edited"), (Row("dan", "01-cross-entropy").Points, Row("dan", "01-cross-entropy").Flag));
        Assert.StartsWith("NotAttempted", Row("dan", "01-cross-entropy").Verdict);
        Assert.All(ids.Where(id => id != "01-cross-entropy"), id => Assert.Equal((1.0, ""), (Row("dan", id).Points, Row("dan", id).Flag)));

        Assert.All(ids, id =>
        {
            Assert.Equal(0, Row("eve", id).Points);
            Assert.StartsWith("NotAttempted", Row("eve", id).Verdict);
            Assert.Contains("declares its own type Exercise", Row("eve", id).Flag);
            Assert.Equal((0.0, "unreadable submission"), (Row("fay", id).Points, Row("fay", id).Flag));
        });
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_notebook_past_its_time_limit_scores_what_it_finished()
    {
        var course = CourseNotebook.Load(Name);
        var solutions = course.Exercises.ToDictionary(e => e.Id, e => e.Solution);
        var folder = Path.Combine(dir.Path, "submitted");
        Submit(folder, "ben", solutions, ("01-bce", "double BceOf(double[] y, double[] p) { while (true) { } }"));

        var sheet = Path.Combine(dir.Path, "grades.csv");
        var (exit, output) = CourseProcess.Run(Repo.Root, TimeSpan.FromMinutes(4), "workshop", "grade", folder, "--csv", sheet, "--notebook-timeout", "45");
        Assert.True(exit == 0, output);
        var rows = Course.Experiments.Csv.Parse(File.ReadAllText(sheet)).Skip(1).ToDictionary(r => r[2]);
        Assert.Equal("1", rows["01-mse"][3]);
        Assert.All(course.Exercises.Skip(1), e =>
        {
            Assert.Equal("0", rows[e.Id][3]);
            Assert.StartsWith("not run: the notebook passed its time limit of 45 s", rows[e.Id][5]);
        });
    }

    [Fact]
    public void Bad_input_gets_one_clear_message()
    {
        var missing = Path.Combine(dir.Path, "nowhere");
        var (exit, output) = CourseProcess.Run(Repo.Root, "workshop", "grade", missing);
        Assert.Equal(2, exit);
        Assert.Contains("no such file or folder", output);

        var empty = Directory.CreateDirectory(Path.Combine(dir.Path, "empty")).FullName;
        (exit, output) = CourseProcess.Run(Repo.Root, "workshop", "grade", empty);
        Assert.Equal(2, exit);
        Assert.Contains("holds no .ipynb notebooks to grade", output);

        (exit, output) = CourseProcess.Run(dir.Path, "workshop", "grade", ExercisesOnly(WorkshopEdition.Student));
        Assert.Equal(2, exit);
        Assert.Contains("pass --notebooks <folder>", output);
    }

    // What a learner who wants the passes without the work might write.
    private const string ForgedExercise = """
        static class Exercise
        {
            public static List<Course.Exercises.CheckResult> Results { get; } = [];
            public static Course.Exercises.CheckResult Check(string id, Delegate learner)
            {
                var pass = new Course.Exercises.CheckResult(id, Course.Exercises.CheckOutcome.Pass, "Well done.");
                Course.Formatting.CourseFormatters.RegisterAll();
                Course.Hosting.Display.Show(pass);
                return pass;
            }
        }
        """;

    /// <summary>A learner's submission: the student copy's exercise cells with <paramref name="answers"/> (by id) in the answer cells, some overridden.</summary>
    private Notebook Submit(string folder, string learner, IReadOnlyDictionary<string, string> answers, params (string Id, string Answer)[] overrides)
    {
        var notebook = NotebookFile.Load(ExercisesOnly(WorkshopEdition.Student));
        foreach (var cell in notebook.Cells)
            if (WorkshopCopies.ExerciseId(cell) is { } id)
                cell.Source = overrides.FirstOrDefault(o => o.Id == id).Answer ?? answers[id];
        var path = Path.Combine(folder, learner, Name + ".ipynb");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        NotebookFile.Save(notebook, path);
        return notebook;
    }

    private Notebook RunNotebook(string path)
    {
        var output = Path.Combine(dir.Path, "naive");
        var (_, log) = CourseProcess.Run(Repo.Root, "run", path, "--quick", "--allow-errors", "-o", output);
        var executed = Path.Combine(output, Path.GetFileName(path));
        Assert.True(File.Exists(executed), log);
        return NotebookFile.Load(executed);
    }

    /// <summary>`course run` with the variable nbgrader sets while it autogrades.</summary>
    private static string RunUnderNbgrader(string path, string output)
    {
        var start = CourseProcess.Start(Repo.Root, "run", path, "--quick", "--allow-errors", "-o", output);
        start.Environment.Remove("COURSE_QUICK");
        start.Environment["NBGRADER_EXECUTION"] = "autograde";
        return CourseProcess.Run(start, TimeSpan.FromMinutes(3)).Output;
    }

    private string Grade(WorkshopEdition edition)
    {
        var (exit, output) = CourseProcess.Run(Repo.Root, "workshop", "grade", ExercisesOnly(edition));
        Assert.True(exit == 0, output);
        return ScoreLine().Match(output) is { Success: true } m ? m.Value.Trim() : throw new Xunit.Sdk.XunitException("no score in:\n" + output);
    }

    private string ExercisesOnly(WorkshopEdition edition)
    {
        var source = Repo.File("notebooks", Name + ".ipynb");
        var notebook = NotebookFile.Load(source);
        WorkshopCopies.Make(notebook, ExerciseSolutions.Load(source), edition, Name);
        // Keep the exercises and their checks (self-contained by the notebook conventions).
        notebook.Cells.RemoveAll(c => NbgraderCells.Of(c) is { } m && (bool?)m["grade"] != true && (bool?)m["solution"] != true);
        var path = Path.Combine(dir.Path, $"{edition}.ipynb");
        NotebookFile.Save(notebook, path);
        return path;
    }

    [GeneratedRegex(@"Score: \S+")]
    private static partial Regex ScoreLine();
}
