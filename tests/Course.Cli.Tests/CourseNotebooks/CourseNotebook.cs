using System.Text.Json;
using System.Text.Json.Nodes;
using Course.Cli.Tests.Doctor;
using Course.Cli.Tests.Running;
using Course.Notebooks.Documents;

namespace Course.Cli.Tests.CourseNotebooks;

/// <summary>One course notebook with its exercises: the stub cells, their check cells and the worked solutions.</summary>
internal sealed class CourseNotebook
{
    public const string CheckMimeType = "application/vnd.course.check+json";

    private CourseNotebook(string name, string path, IReadOnlyList<Exercise> exercises)
    {
        Name = name;
        Path = path;
        Exercises = exercises;
    }

    public string Name { get; }
    public string Path { get; }
    public IReadOnlyList<Exercise> Exercises { get; }

    /// <summary>An exercise: where its stub cell is, and what notebooks/solutions/NAME.json says about it.</summary>
    public sealed record Exercise(string Id, int StubCell, int CheckCell, string CheckCellId, string Stub, string Solution, string Wrong, string Hint);

    public static IEnumerable<string> All() =>
        Directory.GetFiles(Repo.File("notebooks"), "*.ipynb").Select(System.IO.Path.GetFileNameWithoutExtension).Order()!;

    public static CourseNotebook Load(string name)
    {
        string path = Repo.File("notebooks", name + ".ipynb");
        var notebook = NotebookFile.Load(path);
        string solutionsPath = Repo.File("notebooks", "solutions", name + ".json");
        Assert.True(File.Exists(solutionsPath), $"{name}: worked solutions are missing ({solutionsPath})");
        var solutions = JsonNode.Parse(File.ReadAllText(solutionsPath))!["exercises"]!.AsArray()
            .ToDictionary(e => (string)e!["id"]!, e => e!);

        var exercises = new List<Exercise>();
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            if (notebook.Cells[i].Metadata["course"]?["exercise"] is not JsonValue idNode) continue;
            string id = (string)idNode!;
            int check = notebook.Cells.FindIndex(i + 1, c => c.Kind == CellKind.Code);
            Assert.True(check > i, $"{name}: exercise '{id}' has no check cell after its stub");
            Assert.True(solutions.TryGetValue(id, out var s), $"{name}: exercise '{id}' has no entry in {solutionsPath}");
            Assert.True(notebook.Cells[check].Id is not null, $"{name}: cells need ids (nbformat 4.5) so executed copies can be matched");
            exercises.Add(new Exercise(id, i, check, notebook.Cells[check].Id!, notebook.Cells[i].Source, (string)s!["solution"]!, (string)s["wrong"]!, (string)s["hint"]!));
        }
        var orphans = solutions.Keys.Except(exercises.Select(e => e.Id)).ToList();
        Assert.True(orphans.Count == 0, $"{name}: solutions for exercises the notebook lacks: {string.Join(", ", orphans)}");
        return new CourseNotebook(name, path, exercises);
    }

    /// <summary>
    /// Only the exercises (answer cell, then check cell), once with each answer chosen by <paramref name="answers"/>, in
    /// that order: they must run without the rest of the notebook. Check cell k of round r is cell 2·(r·n + k) + 1.
    /// </summary>
    public Notebook ExercisesOnly(params Func<Exercise, string>[] answers)
    {
        var notebook = NotebookFile.Load(Path);
        var rounds = answers.SelectMany(answer => Exercises.SelectMany(e =>
        {
            var stub = NotebookFile.Load(Path).Cells[e.StubCell];
            stub.Source = answer(e);
            return new[] { stub, NotebookFile.Load(Path).Cells[e.CheckCell] };
        })).ToList();
        // The same cells appear once per round; nbformat 4.5 wants every cell id unique.
        for (int i = 0; i < rounds.Count; i++)
            if (rounds[i].Json["id"] is not null) rounds[i].Json["id"] = $"exercise-{i}";
        notebook.Cells.Clear();
        notebook.Cells.AddRange(rounds);
        return notebook;
    }

    /// <summary>Runs a notebook with `course run` in quick mode and returns the executed copy and the tool's output.</summary>
    public static (Notebook Executed, int ExitCode, string Output) Run(Notebook notebook, string fileName)
    {
        string dir = CourseProcess.TempDirectory();
        string input = System.IO.Path.Combine(dir, fileName + ".ipynb");
        NotebookFile.Save(notebook, input);
        string outDir = System.IO.Path.Combine(dir, "out");
        var (exit, output) = CourseProcess.Run(Repo.Root, TimeSpan.FromMinutes(10), "run", input, "--quick", "-o", outDir, "--timeout", "300");
        string executed = System.IO.Path.Combine(outDir, fileName + ".ipynb");
        Assert.True(File.Exists(executed), $"no executed notebook was written:\n{output}");
        CourseProcess.AssertValidNotebook(executed);
        return (NotebookFile.Load(executed), exit, output);
    }

    /// <summary>The verdicts a check cell displayed (name, outcome, message).</summary>
    public static IReadOnlyList<(string Outcome, string Message)> Verdicts(NotebookCell cell) =>
        cell.Outputs.OfType<JsonObject>()
            .Select(o => o["data"]?[CheckMimeType])
            .Where(d => d is not null)
            .Select(d => d is JsonValue v && v.TryGetValue<string>(out var text) ? JsonNode.Parse(text)! : d!)
            .Select(d => ((string)d["outcome"]!, (string)d["message"]!))
            .ToList();

    public static string Describe(NotebookCell cell) => cell.Outputs.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
