using System.Text.RegularExpressions;
using Course.Cli.Tests.CourseNotebooks;
using Course.Cli.Tests.Doctor;
using Course.Cli.Tests.Running;
using Course.Cli.Workshop;
using Course.Notebooks.Documents;

namespace Course.Cli.Tests.Workshop;

/// <summary>`course workshop grade` on a real course notebook's exercises (only those cells, to keep the run short).</summary>
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
