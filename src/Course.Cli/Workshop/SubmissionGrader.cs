using System.Globalization;
using Course.Cli.Commands;
using Course.Notebooks.Documents;
using Course.Notebooks.Running;

namespace Course.Cli.Workshop;

/// <summary>One line of the grade sheet: one learner's result on one exercise.</summary>
/// <param name="Learner">Who submitted (the submission's folder, or its file name).</param>
/// <param name="Notebook">The course notebook the submission is a copy of.</param>
/// <param name="Exercise">The exercise id ("-" when the submission could not be matched or read).</param>
/// <param name="Points">Points earned.</param>
/// <param name="Possible">Points the exercise is worth.</param>
/// <param name="Verdict">What the check said, or why it did not run.</param>
/// <param name="Flag">Why the teacher should look at this submission (empty when nothing is suspicious).</param>
public sealed record GradeRow(string Learner, string Notebook, string Exercise, double Points, double Possible, string Verdict, string Flag);

/// <summary>
/// Grades one submitted notebook: puts the course's check cells back (fully qualified), runs the notebook in its own
/// worker process with a per-cell and a per-notebook time limit, and turns the verdicts into grade rows. A check cell
/// the learner edited or deleted scores 0 and is flagged; learner code that imitates the checks (<see cref="CheckForgery"/>)
/// scores 0 on every exercise of the notebook and is flagged.
/// </summary>
public sealed class SubmissionGrader(CourseChecks course, TimeSpan cellTimeout, TimeSpan notebookLimit)
{
    /// <summary>Grades <paramref name="path"/>, working in <paramref name="workDirectory"/>.</summary>
    public async Task<IReadOnlyList<GradeRow>> GradeAsync(string path, string learner, string workDirectory, CancellationToken cancellation)
    {
        var fileName = Path.GetFileName(path);
        Notebook submission;
        try
        {
            submission = NotebookFile.Load(path);
        }
        catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
        {
            return Unread(learner, fileName, $"not a readable notebook: {e.Message}");
        }
        if (course.Match(fileName, IdsIn(submission)) is not { } match)
            return [new GradeRow(learner, fileName, "-", 0, 0, "no course notebook has these exercises", "not a copy of a course notebook")];

        var flags = PutChecksBack(submission, match.Exercises);
        var forgery = Forgeries(submission, match.Exercises);
        var prepared = Path.Combine(workDirectory, fileName);
        Directory.CreateDirectory(workDirectory);
        NotebookFile.Save(submission, prepared);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(notebookLimit);
        // Errors in a learner's cell must not stop the checks after it; nor must one runaway cell.
        var options = new RunOptions(cellTimeout, AllowErrors: true, "Raise --timeout.", ContinueAfterTimeout: true);
        var runs = Path.Combine(workDirectory, "executed");
        await new NotebookBatch([], options, quick: true, TimeSpan.FromSeconds(5)).RunAsync(prepared, runs, inPlace: false, limit.Token);
        cancellation.ThrowIfCancellationRequested();
        var executedPath = Path.Combine(runs, fileName);
        if (!File.Exists(executedPath))
            return [.. match.Exercises.Select(e => Row(learner, match.Name, e.Id, 0, "not run: the notebook could not be started (see the log above)", Flag(e)))];

        var overTime = limit.IsCancellationRequested;
        var scores = NotebookScore.Of(NotebookFile.Load(executedPath)).ToDictionary(s => s.GradeId);
        return [.. match.Exercises.Select(e =>
        {
            var score = scores.GetValueOrDefault(NbgraderCells.CheckId(e.Id));
            // Past the notebook's limit, the cell then running was interrupted and the later ones never ran.
            var stopped = score is null || overTime && (score.Verdict.StartsWith("no check verdict", StringComparison.Ordinal) || score.Verdict.StartsWith("error: Interrupted", StringComparison.Ordinal));
            var verdict = stopped
                ? $"not run: the notebook passed its time limit of {notebookLimit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (--notebook-timeout)"
                : score!.Verdict;
            var flag = Flag(e);
            return Row(learner, match.Name, e.Id, flag.Length > 0 ? 0 : score?.Earned ?? 0, verdict, flag);
        })];

        string Flag(CourseExercise e) => string.Join("; ", new[] { flags.GetValueOrDefault(e.Id, ""), forgery }.Where(f => f.Length > 0));

        IReadOnlyList<GradeRow> Unread(string who, string name, string why) =>
            course.Match(name, []) is { } known
                ? [.. known.Exercises.Select(e => Row(who, known.Name, e.Id, 0, why, "unreadable submission"))]
                : [new GradeRow(who, name, "-", 0, 0, why, "unreadable submission")];
    }

    private static GradeRow Row(string learner, string notebook, string exercise, double points, string verdict, string flag) =>
        new(learner, notebook, exercise, points, WorkshopCopies.PointsPerExercise, verdict, flag);

    private static HashSet<string> IdsIn(Notebook notebook) =>
    [
        .. notebook.Cells.Select(WorkshopCopies.ExerciseId).OfType<string>(),
        .. notebook.Cells.Select(c => (string?)NbgraderCells.Of(c)?["grade_id"]).OfType<string>().Where(g => g.StartsWith("check-", StringComparison.Ordinal)).Select(g => g["check-".Length..]),
    ];

    /// <summary>Replaces each exercise's check cell with the course's, qualified; returns a flag per exercise whose check cell was changed.</summary>
    private static Dictionary<string, string> PutChecksBack(Notebook submission, IReadOnlyList<CourseExercise> exercises)
    {
        var flags = new Dictionary<string, string>();
        foreach (var exercise in exercises)
        {
            var check = submission.Cells.FindIndex(c => (string?)NbgraderCells.Of(c)?["grade_id"] == NbgraderCells.CheckId(exercise.Id));
            var stub = submission.Cells.FindIndex(c => WorkshopCopies.ExerciseId(c) == exercise.Id);
            if (check < 0 && stub >= 0 && WorkshopCopies.CheckCellAfter(submission, stub) is var next and >= 0 && WorkshopCopies.ExerciseId(submission.Cells[next]) is null)
                check = next;
            NotebookCell cell;
            if (check < 0)
            {
                flags[exercise.Id] = "check cell deleted";
                cell = NotebookCell.NewCode("", $"grader-check-{exercise.Id}");
                submission.Cells.Insert(stub >= 0 ? stub + 1 : submission.Cells.Count, cell);
            }
            else
            {
                cell = submission.Cells[check];
                var submitted = cell.Source.Replace(WorkshopCopies.NbgraderGuard, "", StringComparison.Ordinal);
                if (!SolutionText.SameTokens(submitted, exercise.QualifiedCheck) && !SolutionText.SameTokens(submitted, exercise.Check))
                    flags[exercise.Id] = "check cell edited";
            }
            cell.Source = exercise.QualifiedCheck;
            NbgraderCells.MarkCheck(cell, exercise.Id, WorkshopCopies.PointsPerExercise);
        }
        return flags;
    }

    /// <summary>What the learner's own cells do to imitate the checks, as one flag ("" when nothing).</summary>
    private static string Forgeries(Notebook submission, IReadOnlyList<CourseExercise> exercises)
    {
        var checks = exercises.Select(e => NbgraderCells.CheckId(e.Id)).ToHashSet();
        var found = submission.Cells
            .Select((c, i) => (Cell: c, Number: i + 1))
            .Where(p => p.Cell.Kind == CellKind.Code && !checks.Contains((string?)NbgraderCells.Of(p.Cell)?["grade_id"] ?? ""))
            .SelectMany(p => CheckForgery.In(p.Cell.Source).Select(what => $"cell {p.Number} {what}"))
            .ToList();
        return found.Count == 0 ? "" : "imitates the checks: " + string.Join(", ", found);
    }
}
