using Course.Cli.Tests.CourseNotebooks;
using Course.Cli.Workshop;
using Course.Notebooks.Documents;

namespace Course.Cli.Tests.Workshop;

public sealed class CheckForgeryTests
{
    [Theory]
    [InlineData("static class Exercise { public static void Check(string id, Delegate f) { } }", "declares its own type Exercise")]
    [InlineData("record CheckResult(string Name);", "declares its own type CheckResult")]
    [InlineData("using Exercise = MyChecks;", "aliases Exercise to something else")]
    [InlineData("object Check(string id, Delegate f) => null;", "declares a method Check")]
    [InlineData("void Answer() { void CheckFunction() { } }", "declares a method CheckFunction")]
    [InlineData("Display.Show(new Course.Exercises.CheckResult(\"x\", Course.Exercises.CheckOutcome.Pass, \"ok\"));", "builds check verdicts (CheckResult)")]
    [InlineData("var mime = \"application/vnd.course.check+json\";", "writes the check verdict's output format itself")]
    public void Code_that_imitates_the_checks_is_named(string code, string expected) =>
        Assert.Contains(expected, CheckForgery.In(code));

    [Fact]
    public void The_course_notebooks_and_worked_solutions_imitate_nothing()
    {
        foreach (var name in CourseNotebook.All())
        {
            var course = CourseNotebook.Load(name);
            var checks = course.Exercises.Select(e => e.CheckCell).ToHashSet();
            var cells = NotebookFile.Load(course.Path).Cells.Where((c, i) => c.Kind == CellKind.Code && !checks.Contains(i)).Select(c => c.Source);
            foreach (var code in cells.Concat(course.Exercises.Select(e => e.Solution)).Concat(course.Exercises.Select(e => e.Wrong)))
                Assert.True(CheckForgery.In(code).Count == 0, $"{name}: flagged {string.Join(", ", CheckForgery.In(code))} in:\n{code}");
        }
    }
}
