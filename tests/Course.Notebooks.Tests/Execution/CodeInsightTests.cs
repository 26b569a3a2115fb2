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
    public async Task Completion_after_a_dot_lists_members_with_the_typed_prefix_and_their_kinds()
    {
        using var engine = new ScriptEngine();
        var code = "Console.Wri";
        var completions = await engine.CompleteAsync(code, code.Length, CancellationToken.None);
        var texts = Texts(completions);
        Assert.Contains("WriteLine", texts);
        Assert.Contains("Write", texts);
        Assert.DoesNotContain("ReadLine", texts);
        Assert.Equal((8, 11), (completions.CursorStart, completions.CursorEnd));
        var writeLine = completions.Matches.First(m => m.Text == "WriteLine");
        Assert.Equal("method", writeLine.Kind);
        Assert.Contains("Console.WriteLine(", writeLine.Signature);
    }

    [Fact]
    public async Task Completion_ranks_the_exact_case_prefix_first_and_offers_keywords()
    {
        using var engine = new ScriptEngine();
        await engine.Run("var Foreground = 1; var forecast = 2;");
        var completions = await engine.CompleteAsync("fore", 4, CancellationToken.None);
        var texts = Texts(completions);
        Assert.Equal("foreach", texts[0]); // exact-case prefixes (foreach, forecast) before Foreground
        Assert.True(texts.IndexOf("forecast") < texts.IndexOf("Foreground"), string.Join(", ", texts));
        Assert.Equal("keyword", completions.Matches[0].Kind);
        Assert.Equal("field", completions.Matches.First(m => m.Text == "forecast").Kind); // a script's top-level variable is a field
    }

    [Fact]
    public async Task Completion_knows_variables_and_instance_members_from_earlier_cells()
    {
        using var engine = new ScriptEngine();
        await engine.Run("var learningRate = 0.01; var names = new List<string>();");
        Assert.Contains("learningRate", Texts(await engine.CompleteAsync("learn", 5, CancellationToken.None)));
        var members = Texts(await engine.CompleteAsync("names.", 6, CancellationToken.None));
        Assert.Contains("Add", members);
        Assert.Contains("Count", members);
        Assert.Contains("Select", members); // LINQ extension methods
        Assert.DoesNotContain("WriteLine", members);
    }

    [Fact]
    public async Task Completion_offers_named_arguments_and_reference_directives()
    {
        using var engine = new ScriptEngine();
        await engine.Run("double Scale(double value, double factor = 2) => value * factor;");
        var code = "Scale(1, fac";
        Assert.Contains("factor:", Texts(await engine.CompleteAsync(code, code.Length, CancellationToken.None)));
        var directive = "#r \"nu";
        var nuget = await engine.CompleteAsync(directive, directive.Length, CancellationToken.None);
        Assert.Equal(["nuget: "], Texts(nuget));
        Assert.Equal((4, 6), (nuget.CursorStart, nuget.CursorEnd));
        var keyword = await engine.CompleteAsync("// packages\n#r", 14, CancellationToken.None); // the line typed is not blanked
        Assert.Equal(("r", "keyword"), (keyword.Matches[0].Text, keyword.Matches[0].Kind));
        Assert.Equal(13, keyword.CursorStart);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    public async Task A_cursor_outside_the_code_is_refused_with_the_valid_range(int cursor)
    {
        using var engine = new ScriptEngine();
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => engine.CompleteAsync("Math", cursor, CancellationToken.None));
        Assert.Contains("between 0 and 4", error.Message);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => engine.InspectAsync("Math", cursor, CancellationToken.None));
    }

    [Fact]
    public async Task Inspect_gives_the_signature_and_documentation_summary()
    {
        using var engine = new ScriptEngine();
        var code = "Math.Sqrt(2)";
        var text = await engine.InspectAsync(code, 6, CancellationToken.None);
        Assert.NotNull(text);
        Assert.Contains("Math.Sqrt(double d)", text);
        Assert.Contains("square root", text, StringComparison.OrdinalIgnoreCase);
        Assert.Null(await engine.InspectAsync("   ", 1, CancellationToken.None));
    }

    [Fact]
    public async Task Inspect_inside_an_unfinished_call_lists_the_overloads_with_parameter_names()
    {
        using var engine = new ScriptEngine();
        var code = "Math.Round(";
        var text = await engine.InspectAsync(code, code.Length, CancellationToken.None);
        Assert.NotNull(text);
        Assert.Contains("Math.Round(double value, int digits)", text);
        Assert.Contains("Math.Round(decimal d)", text);
    }

    private static List<string> Texts(Completions completions) => [.. completions.Matches.Select(m => m.Text)];
}
