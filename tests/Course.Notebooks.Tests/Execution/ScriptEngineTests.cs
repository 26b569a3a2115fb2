using Course.Hosting;
using Course.Notebooks.Execution;

namespace Course.Notebooks.Tests.Execution;

public class ScriptEngineTests
{
    [Fact]
    public async Task Variables_carry_over_between_cells()
    {
        using var engine = new ScriptEngine();
        await engine.Run("var x = 20;");
        await engine.Run("x += 1;");
        Assert.Equal("42", await engine.Value("x * 2"));
    }

    [Fact]
    public async Task A_class_defined_in_one_cell_is_usable_later()
    {
        using var engine = new ScriptEngine();
        await engine.Run("record Point(int X, int Y) { public int Sum => X + Y; }");
        await engine.Run("using System.Text;");
        Assert.Equal("7", await engine.Value("new Point(3, 4).Sum"));
        Assert.Equal("ab", await engine.Value("new StringBuilder(\"a\").Append('b').ToString()"));
    }

    [Fact]
    public async Task Only_a_trailing_expression_produces_a_value()
    {
        using var engine = new ScriptEngine();
        Assert.Equal("2", await engine.Value("1 + 1"));
        Assert.Null((await engine.Run("var y = 1 + 1;")).Value);
        Assert.Null((await engine.Run("Console.Write(\"\")")).Value);
        Assert.Equal("null", await engine.Value("(string?)null"));
    }

    [Fact]
    public async Task Console_output_goes_to_the_running_cell_as_streams()
    {
        using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        var result = await engine.Run("""
            Console.WriteLine("hello");
            Console.Error.WriteLine("careful");
            await Task.Run(() => Console.WriteLine("from a task"));
            """, sink);
        Assert.Equal(CellStatus.Ok, result.Status);
        Assert.Equal("hello\nfrom a task\n", sink.Text("stdout"));
        Assert.Equal("careful\n", sink.Text("stderr"));
    }

    [Fact]
    public async Task Display_shows_a_value_and_update_replaces_it()
    {
        using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        var result = await engine.Run("var h = display(\"first\"); h.Update(\"second\");", sink);
        Assert.Equal(CellStatus.Ok, result.Status);
        var outputs = sink.Displays.ToList();
        Assert.Equal(2, outputs.Count);
        Assert.Equal(("first", false), (outputs[0].Bundle.PlainText, outputs[0].Update));
        Assert.Equal(("second", true), (outputs[1].Bundle.PlainText, outputs[1].Update));
        Assert.NotNull(outputs[0].Id);
        Assert.Equal(outputs[0].Id, outputs[1].Id);
    }

    [Fact]
    public async Task Clear_output_reaches_the_sink_with_its_wait_flag()
    {
        using var engine = new ScriptEngine();
        var sink = new RecordingSink();
        var result = await engine.Run("clear_output(); clear_output(wait: true); Course.Hosting.Display.Clear();", sink);
        Assert.Equal(CellStatus.Ok, result.Status);
        Assert.Equal([false, true, false], sink.Clears.ToArray());
    }

    [Fact]
    public async Task A_compilation_error_names_the_cell_line_and_the_compiler_message()
    {
        using var engine = new ScriptEngine();
        await engine.Run("var ok = 1;");
        var result = await engine.Run("var a = 1;\nvar b = a + missing;\n");
        Assert.Equal(CellStatus.Error, result.Status);
        Assert.Equal("CompilationError", result.Error!.Name);
        Assert.Equal(2, result.Error.Line);
        Assert.Contains("CS0103", result.Error.Message);
        Assert.Contains("missing", result.Error.Message);
        Assert.StartsWith("(line 2, column 13)", result.Error.Traceback[0]);
    }

    [Fact]
    public async Task A_runtime_error_reports_type_message_and_cell_line()
    {
        using var engine = new ScriptEngine();
        await engine.Run("int Divide(int a, int b) => a / b;");
        var result = await engine.Run("var n = 0;\n\nvar r = Divide(1, n);");
        Assert.Equal(CellStatus.Error, result.Status);
        Assert.Equal("DivideByZeroException", result.Error!.Name);
        Assert.StartsWith("System.DivideByZeroException: ", result.Error.Traceback[0]);
        Assert.Equal(3, result.Error.Line);
        Assert.Contains("Attempted to divide by zero.", result.Error.Traceback[0]);
        Assert.Contains(result.Error.Traceback, l => l.Contains("Divide") && l.Contains("cell [1], line 1"));
        Assert.Contains(result.Error.Traceback, l => l.Contains("cell [2], line 3"));
        Assert.DoesNotContain(result.Error.Traceback, l => l.Contains("Microsoft.CodeAnalysis"));
    }

    [Fact]
    public async Task State_survives_a_failed_cell()
    {
        using var engine = new ScriptEngine();
        await engine.Run("var kept = 5;");
        Assert.Equal(CellStatus.Error, (await engine.Run("var lost = 1; throw new InvalidOperationException(\"boom\");")).Status);
        Assert.Equal(CellStatus.Error, (await engine.Run("this is not C#")).Status);
        Assert.Equal("6", await engine.Value("kept + 1"));
    }

    [Fact]
    public async Task Host_imports_include_static_members_of_a_type()
    {
        using var engine = new ScriptEngine(new EngineOptions { Imports = ["System", "System.Math"] });
        Assert.Equal("3", await engine.Value("Sqrt(9)"));
    }

    [Fact]
    public async Task Warming_up_leaves_the_state_empty_and_counts_no_cell()
    {
        using var engine = new ScriptEngine();
        await engine.WarmUpAsync();
        Assert.Equal(0, engine.ExecutionCount);
        var result = await engine.Run("x");
        Assert.Equal("CompilationError", result.Error!.Name);
        Assert.Equal(1, engine.ExecutionCount);
    }
}
