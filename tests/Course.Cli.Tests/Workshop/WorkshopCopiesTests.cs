using System.Text.Json.Nodes;
using Course.Cli.Tests.CourseNotebooks;
using Course.Cli.Tests.Doctor;
using Course.Cli.Workshop;
using Course.Notebooks.Documents;

namespace Course.Cli.Tests.Workshop;

public sealed class WorkshopCopiesTests : IDisposable
{
    private readonly TempDir output = new();

    public void Dispose() => output.Dispose();

    public static TheoryData<string> Notebooks() => new(CourseNotebook.All());

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Student_copy_keeps_the_stubs_and_no_solution_text(string name)
    {
        var course = CourseNotebook.Load(name);
        var copy = StudentCopy(name);

        var text = string.Join("\n", copy.Cells.Select(c => c.Source));
        foreach (var e in course.Exercises)
        {
            Assert.DoesNotContain(e.Solution.Trim(), text, StringComparison.Ordinal);
            var answer = Assert.Single(copy.Cells, c => WorkshopCopies.ExerciseId(c) == e.Id);
            Assert.Equal(e.Stub, answer.Source);
        }
        Assert.All(copy.Cells.Where(c => c.Kind == CellKind.Code), c => Assert.True(c.Outputs.Count == 0 && c.ExecutionCount is null, $"{name}: outputs left in a cell"));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Copies_carry_valid_nbgrader_metadata(string name)
    {
        var course = CourseNotebook.Load(name);
        foreach (var copy in new[] { StudentCopy(name), TeacherCopy(name) })
        {
            Assert.Empty(NbgraderSchema.Problems(copy));
            Assert.All(copy.Cells, c => Assert.NotNull(NbgraderCells.Of(c)));
            foreach (var e in course.Exercises)
            {
                var answer = copy.Cells.Single(c => WorkshopCopies.ExerciseId(c) == e.Id);
                Assert.Equal(JsonNode.Parse($$"""{"grade":false,"grade_id":"{{e.Id}}","locked":false,"schema_version":3,"solution":true,"task":false}"""), NbgraderCells.Of(answer), JsonNode.DeepEquals);
                var check = copy.Cells[copy.Cells.IndexOf(answer) + (e.CheckCell - e.StubCell)];
                Assert.Equal(JsonNode.Parse($$"""{"grade":true,"grade_id":"check-{{e.Id}}","locked":true,"points":1,"schema_version":3,"solution":false,"task":false}"""), NbgraderCells.Of(check), JsonNode.DeepEquals);
                Assert.Equal(false, (bool?)check.Metadata["editable"]);
            }
            var readOnly = copy.Cells.Where(c => (bool?)NbgraderCells.Of(c)!["grade"] == false && (bool?)NbgraderCells.Of(c)!["solution"] == false);
            Assert.All(readOnly, c => Assert.True((bool?)NbgraderCells.Of(c)!["locked"]));
        }
        CourseProcessValidate(output.Path);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Teacher_copy_holds_the_worked_solutions(string name)
    {
        var course = CourseNotebook.Load(name);
        var copy = TeacherCopy(name);
        foreach (var e in course.Exercises)
            Assert.Equal(e.Solution, copy.Cells.Single(c => WorkshopCopies.ExerciseId(c) == e.Id).Source);
    }

    [Fact]
    public void Student_copy_drops_hidden_tests_and_refuses_a_leaked_solution()
    {
        var notebook = Notebook.Create(new JsonObject());
        var stub = NotebookCell.NewCode("int Two() => throw new NotImplementedException();", "a1");
        stub.Metadata["course"] = new JsonObject { ["exercise"] = "two" };
        notebook.Cells.AddRange([stub, NotebookCell.NewCode("Check(Two());", "a2"), NotebookCell.NewCode("Assert(Two() == 2);", "a3", WorkshopCopies.HiddenTestsTag)]);
        var solutions = new Dictionary<string, ExerciseSolution> { ["two"] = new("two", "int Two() => 2;") };

        WorkshopCopies.Make(notebook, solutions, WorkshopEdition.Student, "t.ipynb");
        Assert.Equal(["a1", "a2"], notebook.Cells.Select(c => c.Id));

        notebook.Cells[0].Source = "int Two() => 2;";
        var error = Assert.Throws<WorkshopException>(() => WorkshopCopies.Make(notebook, solutions, WorkshopEdition.Student, "t.ipynb"));
        Assert.Contains("cell 1 contains the solution of exercise 'two'", error.Message);

        // The answer in the check cell, with other spacing and names around it, is a leak too.
        notebook.Cells[0].Source = "int Two() => throw new NotImplementedException();";
        notebook.Cells[1].Source = "Check(Two(), want: ( 1 +\n 1 ));";
        var spaced = new Dictionary<string, ExerciseSolution> { ["two"] = new("two", "int Two() => (1 + 1);") };
        error = Assert.Throws<WorkshopException>(() => WorkshopCopies.Make(notebook, spaced, WorkshopEdition.Student, "t.ipynb"));
        Assert.Contains("cell 2 contains the solution of exercise 'two'", error.Message);
    }

    private Notebook StudentCopy(string name) => Copy(name, WorkshopEdition.Student);

    private Notebook TeacherCopy(string name) => Copy(name, WorkshopEdition.Teacher);

    private Notebook Copy(string name, WorkshopEdition edition)
    {
        var source = Repo.File("notebooks", name + ".ipynb");
        var notebook = NotebookFile.Load(source);
        WorkshopCopies.Make(notebook, ExerciseSolutions.Load(source), edition, name);
        var path = Path.Combine(output.Path, $"{edition}-{name}.ipynb");
        NotebookFile.Save(notebook, path);
        return NotebookFile.Load(path);
    }

    private static void CourseProcessValidate(string directory)
    {
        foreach (var file in Directory.GetFiles(directory, "*.ipynb")) Running.CourseProcess.AssertValidNotebook(file);
    }
}
