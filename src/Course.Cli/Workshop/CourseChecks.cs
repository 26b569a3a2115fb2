using System.Text.RegularExpressions;
using Course.Notebooks.Documents;

namespace Course.Cli.Workshop;

/// <summary>One exercise of a course notebook and its check cell as the course wrote it.</summary>
/// <param name="Id">The exercise id.</param>
/// <param name="Check">The check cell's source in the course notebook.</param>
public sealed partial record CourseExercise(string Id, string Check)
{
    /// <summary>
    /// The check cell the grader runs: the course's, with <c>Exercise</c> fully qualified, so a class or alias named
    /// <c>Exercise</c> in a learner's cell cannot stand in for the library's.
    /// </summary>
    public string QualifiedCheck => UnqualifiedExercise().Replace(Check, "global::Course.Exercises.Exercise.");

    [GeneratedRegex(@"(?<![\w.:])Exercise\.")]
    private static partial Regex UnqualifiedExercise();
}

/// <summary>The exercises of every course notebook, read from the course's own notebooks (never from a submission).</summary>
public sealed class CourseChecks
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<CourseExercise>> byNotebook;

    private CourseChecks(IReadOnlyDictionary<string, IReadOnlyList<CourseExercise>> byNotebook) => this.byNotebook = byNotebook;

    /// <summary>Reads the course notebooks in <paramref name="notebooksDirectory"/>.</summary>
    public static CourseChecks Load(string notebooksDirectory)
    {
        if (!Directory.Exists(notebooksDirectory))
            throw new WorkshopException($"{notebooksDirectory}: no such folder. The grader takes the check cells from the course notebooks: run it from the course root, or pass --notebooks <folder>.");
        var byNotebook = new Dictionary<string, IReadOnlyList<CourseExercise>>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(notebooksDirectory, "*.ipynb").Order(StringComparer.Ordinal))
        {
            var notebook = NotebookFile.Load(path);
            var exercises = new List<CourseExercise>();
            for (int i = 0; i < notebook.Cells.Count; i++)
                if (WorkshopCopies.ExerciseId(notebook.Cells[i]) is { } id && WorkshopCopies.CheckCellAfter(notebook, i) is var check and >= 0)
                    exercises.Add(new CourseExercise(id, notebook.Cells[check].Source));
            if (exercises.Count > 0) byNotebook[Path.GetFileName(path)] = exercises;
        }
        if (byNotebook.Count == 0) throw new WorkshopException($"{notebooksDirectory} holds no course notebook with exercises; pass --notebooks <folder> with the course notebooks.");
        return new CourseChecks(byNotebook);
    }

    /// <summary>
    /// The course notebook a submission is a copy of: the one with its file name, else the one sharing the most
    /// exercise ids with it (a learner may rename the file); null when none shares any.
    /// </summary>
    public (string Name, IReadOnlyList<CourseExercise> Exercises)? Match(string fileName, IReadOnlyCollection<string> exerciseIds)
    {
        if (byNotebook.TryGetValue(fileName, out var same)) return (fileName, same);
        var best = byNotebook.MaxBy(n => n.Value.Count(e => exerciseIds.Contains(e.Id)));
        return best.Value is { } exercises && exercises.Any(e => exerciseIds.Contains(e.Id)) ? (best.Key, exercises) : null;
    }
}
