using Course.Cli.Tests.Running;
using Course.Notebooks.Documents;
using Course.TestSupport;

namespace Course.Cli.Tests.CourseNotebooks;

/// <summary>
/// The course itself, end to end: every notebook runs in quick mode with the worked solutions and all its
/// claims and checks hold; every exercise's check answers a typical wrong answer with its specific hint and the
/// untouched stub with "not attempted yet". The whole course runs once per test run, in order, as the README's
/// `course run` (<see cref="ExecutedCourse"/>; Course.Kernel.Tests compares nbconvert's run through the kernel with
/// the same executed copies). These runs are CPU-heavy, so they share one collection (in sequence).
/// </summary>
[Collection(nameof(CourseNotebookTests))]
[CollectionDefinition(nameof(CourseNotebookTests), DisableParallelization = true)]
public sealed class CourseNotebookTests
{
    public static TheoryData<string> Notebooks => new(CourseNotebook.All());

    [Fact]
    public void The_course_has_its_notebooks_with_the_primer_first()
    {
        Assert.Equal(
            ["00-csharp-primer", "00-measuring", "01-regression-losses", "02-gradient-descent", "03-cnn-mnist", "04-rnn-sequences", "05-tradeoffs-training", "06-tradeoffs-model", "07-reuse-what-was-learned"],
            CourseNotebook.All());
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    [Trait("Category", "Slow")]
    public void Runs_in_quick_mode_with_the_solutions_and_every_check_passes(string name)
    {
        var course = CourseNotebook.Load(name);
        // The primer has two exercises; the lessons three to six (03–06 add two exercises of the craft each, #27 item 3).
        Assert.InRange(course.Exercises.Count, name == "00-csharp-primer" ? 2 : 3, 6);

        var run = ExecutedCourse.Get();
        var path = run.ExecutedNotebook(name);
        Assert.True(File.Exists(path), $"{name} has no executed copy:\n{run.Log}");
        CourseProcess.AssertValidNotebook(path);
        var executed = NotebookFile.Load(path);
        var code = executed.Cells.Where(c => c.Kind == CellKind.Code).ToList();
        // A notebook that stopped (an error, a timeout) leaves its later cells unexecuted.
        Assert.True(code.All(c => c.ExecutionCount is not null) && !code.SelectMany(c => c.Outputs).Any(o => (string?)o!["output_type"] == "error"),
            $"{name} failed in quick mode:\n{run.Log}");
        foreach (var e in course.Exercises)
        {
            // Matched by id: the runner inserts the quick-mode parameters cell, so positions shift.
            var check = executed.Cells.Single(c => c.Id == e.CheckCellId);
            var verdicts = CourseNotebook.Verdicts(check);
            Assert.True(verdicts.Count > 0 && verdicts.All(v => v.Outcome == "Pass"),
                $"{name}/{e.Id}: the solution should pass its check; outputs: {CourseNotebook.Describe(check)}");
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    [Trait("Category", "Slow")]
    public void Checks_pass_the_solution_give_a_typical_wrong_answer_its_hint_and_an_untouched_stub_not_attempted(string name)
    {
        var course = CourseNotebook.Load(name);
        var (executed, _, output) = CourseNotebook.Run(course.ExercisesOnly(e => e.Solution, e => e.Wrong, e => e.Stub), name);
        int n = course.Exercises.Count;

        foreach (var (e, k) in course.Exercises.Select((e, k) => (e, k)))
        {
            var solved = CourseNotebook.Verdicts(executed.Cells[2 * k + 1]);
            Assert.True(solved.Count > 0 && solved.All(v => v.Outcome == "Pass"),
                $"{name}/{e.Id}: the worked solution should pass; outputs: {CourseNotebook.Describe(executed.Cells[2 * k + 1])}\n{output}");

            var wrong = executed.Cells[2 * (n + k) + 1];
            Assert.True(CourseNotebook.Verdicts(wrong).Any(v => v.Outcome == "Hint" && v.Message.Contains(e.Hint, StringComparison.Ordinal)),
                $"{name}/{e.Id}: the wrong answer should get the hint containing \"{e.Hint}\"; outputs: {CourseNotebook.Describe(wrong)}\n{output}");

            var stub = executed.Cells[2 * (2 * n + k) + 1];
            var verdicts = CourseNotebook.Verdicts(stub);
            Assert.True(verdicts.Count > 0 && verdicts.All(v => v.Outcome == "NotAttempted"),
                $"{name}/{e.Id}: the untouched stub should be 'not attempted yet'; outputs: {CourseNotebook.Describe(stub)}\n{output}");
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_check_cell_names_a_catalogue_exercise_and_nothing_more(string name)
    {
        // The reference answers live in the library's catalogue: a check cell that carries more (inputs, a reference,
        // hints) shows learners the answer. docs/library.md says how to add an exercise to the catalogue.
        var notebook = NotebookFile.Load(CourseNotebook.Load(name).Path);
        foreach (var e in CourseNotebook.Load(name).Exercises)
        {
            Assert.Contains(e.Id, Course.Exercises.ExerciseCatalogue.Ids);
            var check = notebook.Cells[e.CheckCell].Source.Trim();
            Assert.Matches($"^Exercise\\.Check\\(\"{System.Text.RegularExpressions.Regex.Escape(e.Id)}\", [^;]+\\);$", check);
            Assert.DoesNotContain("\n", check);
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Is_committed_clean_and_declares_the_course_kernel(string name)
    {
        var notebook = NotebookFile.Load(CourseNotebook.Load(name).Path);
        Assert.Equal("course-csharp", (string?)notebook.Metadata["kernelspec"]?["name"]);
        Assert.All(notebook.Cells.Where(c => c.Kind == CellKind.Code), c =>
        {
            Assert.Empty(c.Outputs);
            Assert.Null(c.ExecutionCount);
        });
        Assert.Single(notebook.Cells, c => c.Tags.Contains("parameters"));
    }
}
