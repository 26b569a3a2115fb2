using Course.Cli.Tests.CourseNotebooks;
using Course.Cli.Tests.Doctor;
using Course.Cli.Tests.Running;
using Course.Cli.Workshop;
using Course.Notebooks.Documents;

namespace Course.Cli.Tests.Workshop;

/// <summary>
/// The handouts `course workshop student` writes give no answer away: no worked solution from notebooks/solutions
/// (compared as token shapes, so renaming or re-spacing does not hide it) in the exercise cells, and no "expected:"
/// text anywhere. (The lesson before the exercises teaches what they practise — notebook 02 implements θ − η·g — so
/// bare formulas there are not searched for; a whole solution, signature and all, is.)
/// </summary>
public sealed class StudentCopiesCleanTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Student_copies_hold_no_reference_solution_and_no_expected_value()
    {
        var (exit, output) = CourseProcess.Run(Repo.Root, "workshop", "student", dir.Path);
        Assert.True(exit == 0, output);

        var hits = new List<string>();
        foreach (var name in CourseNotebook.All())
        {
            var course = CourseNotebook.Load(name);
            var copy = NotebookFile.Load(Path.Combine(dir.Path, name + ".ipynb"));
            var code = copy.Cells.Where(c => c.Kind == CellKind.Code).ToList();
            var exerciseCells = code.SkipWhile(c => WorkshopCopies.ExerciseId(c) is null).ToList();
            foreach (var e in course.Exercises)
            {
                var answer = SolutionText.Answer(e.Solution, e.Stub);
                var whole = SolutionText.Answer(e.Solution, stub: "");
                Assert.NotEmpty(answer);
                hits.AddRange(exerciseCells.Where(c => SolutionText.Contains(c.Source, answer)).Select(c => $"{name}, cell {c.Id}: the answer of {e.Id}"));
                hits.AddRange(code.Where(c => SolutionText.Contains(c.Source, whole)).Select(c => $"{name}, cell {c.Id}: the solution of {e.Id}"));
            }
            hits.AddRange(copy.Cells.Where(c => c.Source.Contains("expected:", StringComparison.OrdinalIgnoreCase)).Select(c => $"{name}, cell {c.Id}: \"expected:\""));
        }
        Assert.True(hits.Count == 0, string.Join("\n", hits));
    }

    [Fact]
    public void Solutions_are_found_under_other_names_and_layout_but_not_in_their_stub()
    {
        const string stub = "double[] PrecisionAndRecall(int tp, int fp, int fn) => throw new NotImplementedException();";
        const string solution = "double[] PrecisionAndRecall(int tp, int fp, int fn) => [(double)tp / (tp + fp), (double)tp / (tp + fn)];";
        var answer = SolutionText.Answer(solution, stub);

        Assert.True(SolutionText.Contains("reference: c => [(double)c.Tp / (c.Tp + c.Fp),\n   (double)c.Tp/(c.Tp+c.Fn)],", answer));
        Assert.True(SolutionText.Contains("var pr = /* precision, recall */ [ (double) a/(a+b), (double) a/(a+d) ];", answer));
        Assert.False(SolutionText.Contains(stub, answer));
        Assert.False(SolutionText.Contains("[(double)tp * (tp + fp), (double)tp / (tp + fn)]", answer));
    }
}
