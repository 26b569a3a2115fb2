using System.Text.Json.Nodes;
using Course.Notebooks.Documents;

namespace Course.Cli.Workshop;

/// <summary>Which copy of the course a workshop kit holds.</summary>
public enum WorkshopEdition
{
    /// <summary>Handouts: stubs in the exercise cells, no solutions, no hidden tests, no outputs.</summary>
    Student,
    /// <summary>The teacher's key: the worked solutions filled in.</summary>
    Teacher,
}

/// <summary>Builds student handouts and the teacher's key from the course notebooks.</summary>
public static class WorkshopCopies
{
    /// <summary>Tag of cells with tests learners must not see (removed from student copies).</summary>
    public const string HiddenTestsTag = "hidden-tests";

    /// <summary>
    /// Appended to check cells: nbgrader's autograde scores a grade cell by whether it raised, and runs with
    /// NBGRADER_EXECUTION set, so there (and only there) a check that did not pass fails its cell. Every name is
    /// fully qualified and no extension method is used, so nothing a learner declares can stand in for them.
    /// </summary>
    public const string NbgraderGuard =
        "if (global::System.Environment.GetEnvironmentVariable(\"NBGRADER_EXECUTION\") is not null && global::Course.Exercises.Exercise.Results is [.., { Passed: false } failedCheck])\n" +
        "    throw new global::System.InvalidOperationException($\"{failedCheck.Name}: {failedCheck.Outcome}\");";

    /// <summary>Points an exercise's check cell is worth.</summary>
    public const int PointsPerExercise = 1;

    /// <summary>
    /// Writes one copy of every notebook in <paramref name="notebooksDirectory"/> to <paramref name="outputDirectory"/>
    /// and returns the files written.
    /// </summary>
    public static IReadOnlyList<string> WriteAll(string notebooksDirectory, string outputDirectory, WorkshopEdition edition)
    {
        if (!Directory.Exists(notebooksDirectory))
            throw new WorkshopException($"{notebooksDirectory}: no such folder. Run this from the course root, or pass --notebooks <folder>.");
        var sources = Directory.GetFiles(notebooksDirectory, "*.ipynb").Order(StringComparer.Ordinal).ToList();
        if (sources.Count == 0) throw new WorkshopException($"{notebooksDirectory} holds no .ipynb notebooks.");
        var written = new List<string>();
        foreach (var source in sources)
        {
            var notebook = NotebookFile.Load(source);
            Make(notebook, ExerciseSolutions.Load(source), edition, Path.GetFileName(source));
            var target = Path.Combine(outputDirectory, Path.GetFileName(source));
            NotebookFile.Save(notebook, target);
            written.Add(target);
        }
        return written;
    }

    /// <summary>Turns <paramref name="notebook"/> into the given edition, in place.</summary>
    public static void Make(Notebook notebook, IReadOnlyDictionary<string, ExerciseSolution> solutions, WorkshopEdition edition, string name)
    {
        if (edition == WorkshopEdition.Student)
            notebook.Cells.RemoveAll(c => c.Tags.Contains(HiddenTestsTag));
        var checks = new HashSet<NotebookCell>();
        var stubs = new Dictionary<string, string>();
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (ExerciseId(cell) is not { } id) continue;
            var check = CheckCellAfter(notebook, i);
            if (check < 0) throw new WorkshopException($"{name}: exercise '{id}' (cell {i + 1}) has no check cell after it.");
            stubs[id] = cell.Source;
            if (edition == WorkshopEdition.Teacher)
                cell.Source = solutions.TryGetValue(id, out var s) ? s.Solution
                    : throw new WorkshopException($"{name}: exercise '{id}' has no solution in solutions/{Path.GetFileNameWithoutExtension(name)}.json.");
            NbgraderCells.MarkAnswer(cell, id);
            NbgraderCells.MarkCheck(notebook.Cells[check], id, PointsPerExercise);
            // Qualified, so a learner's own Exercise class cannot answer for the library's (nbgrader runs these cells as written).
            if (!notebook.Cells[check].Source.Contains(NbgraderGuard, StringComparison.Ordinal))
                notebook.Cells[check].Source = new CourseExercise(id, notebook.Cells[check].Source).QualifiedCheck.TrimEnd() + "\n" + NbgraderGuard;
            checks.Add(notebook.Cells[check]);
        }
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (ExerciseId(cell) is null && !checks.Contains(cell)) NbgraderCells.MarkReadOnly(cell, i + 1);
            ClearOutputs(cell);
        }
        if (edition == WorkshopEdition.Student) AssertNoSolutions(notebook, solutions.Values, stubs, name);
    }

    /// <summary>The index of the check cell of the exercise whose stub is cell <paramref name="stub"/>: the next code cell (−1 when none).</summary>
    public static int CheckCellAfter(Notebook notebook, int stub) => notebook.Cells.FindIndex(stub + 1, c => c.Kind == CellKind.Code);

    /// <summary>The exercise id of a stub cell (metadata <c>course.exercise</c>), or null.</summary>
    public static string? ExerciseId(NotebookCell cell) => (string?)(cell.Metadata["course"]?["exercise"] as JsonValue);

    private static void ClearOutputs(NotebookCell cell)
    {
        if (cell.Kind != CellKind.Code) return;
        cell.Outputs.Clear();
        cell.ExecutionCount = null;
        cell.Metadata.Remove("execution");
    }

    // The course keeps solutions out of the notebooks; this guards a notebook edited with an answer left in, under any
    // names (SolutionText compares token shapes): a whole solution in any cell, or its answer part in the exercises
    // section (from the first stub on). The lesson before it teaches the methods the exercises practise — notebook 02
    // implements θ − η·g and Adam's bias correction — so a bare formula there is the lesson, not a leak.
    private static void AssertNoSolutions(Notebook notebook, IEnumerable<ExerciseSolution> solutions, IReadOnlyDictionary<string, string> stubs, string name)
    {
        int exercisesStart = notebook.Cells.FindIndex(c => ExerciseId(c) is not null);
        foreach (var solution in solutions)
        {
            var whole = SolutionText.Shape(solution.Solution).ToList();
            if (whole.Count > 0 && whole[^1] == ";") whole.RemoveAt(whole.Count - 1);
            var answer = stubs.TryGetValue(solution.Id, out var stub) ? SolutionText.Answer(solution.Solution, stub) : whole;
            var leak = notebook.Cells.FindIndex(c => c.Kind == CellKind.Code && SolutionText.Contains(c.Source, whole));
            if (leak < 0 && exercisesStart >= 0)
                leak = notebook.Cells.FindIndex(exercisesStart, c => c.Kind == CellKind.Code && SolutionText.Contains(c.Source, answer));
            if (leak >= 0)
                throw new WorkshopException($"{name}: cell {leak + 1} contains the solution of exercise '{solution.Id}'. Put the stub back in the course notebook (and keep the answer out of the exercise cells) before handing it out.");
        }
    }
}
