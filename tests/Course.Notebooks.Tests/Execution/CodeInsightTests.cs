using Course.Notebooks.Execution;

namespace Course.Notebooks.Tests.Execution;

public class CodeInsightTests
{
    [Theory]
    [InlineData("", "complete")]
    [InlineData("var x = 1;", "complete")]
    [InlineData("1 + 1", "complete")]
    [InlineData("#r \"nuget: Foo, 1.0\"", "complete")]
    [InlineData("for (var i = 0; i < 3; i++)\n{", "incomplete")]
    [InlineData("class A {", "incomplete")]
    [InlineData("var s = \"\"\"\nraw", "incomplete")]
    [InlineData("Console.WriteLine(", "incomplete")]
    [InlineData("var = ;", "invalid")]
    [InlineData("}", "invalid")]
    public void IsComplete_tells_whether_more_lines_are_needed(string code, string expected)
    {
        using var engine = new ScriptEngine();
        Assert.Equal(expected, engine.IsComplete(code).ToString().ToLowerInvariant());
    }

    [Fact]
    public async Task Completion_after_a_dot_lists_members_with_the_typed_prefix()
    {
        using var engine = new ScriptEngine();
        var code = "Console.Wri";
        var completions = await engine.CompleteAsync(code, code.Length, CancellationToken.None);
        Assert.Contains("WriteLine", completions.Matches);
        Assert.Contains("Write", completions.Matches);
        Assert.DoesNotContain("ReadLine", completions.Matches);
        Assert.Equal((8, 11), (completions.CursorStart, completions.CursorEnd));
    }

    [Fact]
    public async Task Completion_knows_variables_and_instance_members_from_earlier_cells()
    {
        using var engine = new ScriptEngine();
        await engine.Run("var learningRate = 0.01; var names = new List<string>();");
        var inScope = await engine.CompleteAsync("learn", 5, CancellationToken.None);
        Assert.Contains("learningRate", inScope.Matches);
        var members = await engine.CompleteAsync("names.", 6, CancellationToken.None);
        Assert.Contains("Add", members.Matches);
        Assert.Contains("Count", members.Matches);
        Assert.Contains("Select", members.Matches); // LINQ extension methods
        Assert.DoesNotContain("WriteLine", members.Matches);
    }

    [Fact]
    public async Task Inspect_gives_the_signature_and_documentation_summary()
    {
        using var engine = new ScriptEngine();
        var code = "Math.Sqrt(2)";
        var text = await engine.InspectAsync(code, 6, CancellationToken.None);
        Assert.NotNull(text);
        Assert.Contains("Math.Sqrt(double)", text);
        Assert.Contains("square root", text, StringComparison.OrdinalIgnoreCase);
        Assert.Null(await engine.InspectAsync("   ", 1, CancellationToken.None));
    }
}
