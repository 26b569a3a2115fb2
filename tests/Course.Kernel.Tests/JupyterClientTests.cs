using System.Text.Json.Nodes;

namespace Course.Kernel.Tests;

/// <summary>The kernel driven by real Jupyter clients over the real protocol.</summary>
[Collection(KernelCollection.Name)]
public sealed class JupyterClientTests(KernelInstallation kernel, Xunit.Abstractions.ITestOutputHelper console)
{
    [Fact]
    public void Jupyter_lists_the_installed_kernelspec()
    {
        var (exit, output) = kernel.Jupyter("/usr/bin/jupyter", ["kernelspec", "list"], KernelInstallation.KernelTestsDirectory);
        Assert.Equal(0, exit);
        Assert.Contains(kernel.Name, output);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Passes_jupyter_kernel_test_conformance_suite()
    {
        var (ran, skipped, output) = kernel.UnitTests("test_conformance");
        Assert.Equal(12, ran);
        Assert.True(skipped.Count == 0, output);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Survives_errors_interrupts_forged_messages_and_restarts()
    {
        var (ran, skipped, output) = kernel.UnitTests("test_resilience");
        Assert.Equal(9, ran);
        Assert.True(skipped.Count == 0, output);
    }

    [Fact]
    public void Completes_and_inspects_like_an_editor_and_answers_while_a_cell_runs()
    {
        var (ran, skipped, output) = kernel.UnitTests("test_completion");
        Assert.Equal(13, ran);
        Assert.True(skipped.Count == 0, output);
        foreach (System.Text.RegularExpressions.Match latency in System.Text.RegularExpressions.Regex.Matches(output, @"completion.*: .*ms"))
            console.WriteLine(latency.Value); // first, warm and during-a-cell latencies in the test log
    }

    [Fact]
    public void Survives_the_fault_suite_of_hundreds_of_hostile_messages()
    {
        var (ran, skipped, output) = kernel.UnitTests("test_faults");
        Assert.Equal(11, ran);
        Assert.True(skipped.Count == 0, output);
        var counts = System.Text.RegularExpressions.Regex.Match(output, @"(\d+) messages, (\d+) kernel deaths");
        Assert.True(counts.Success, output);
        console.WriteLine(counts.Value); // "N messages, 0 kernel deaths" in the test log
        Assert.True(int.Parse(counts.Groups[1].Value) >= 300, counts.Value);
        Assert.Equal("0", counts.Groups[2].Value);
    }

    [Fact]
    public void Nbconvert_keeps_state_across_cells()
    {
        var cells = Execute("state");
        Assert.Equal("42", Data(cells[2], "execute_result")["text/plain"].Text());
        Assert.Equal("total is 42\n", cells[3]!["outputs"]![0]!["text"].Text());
        Assert.Equal([1, 2, 3, 4], cells.Select(c => c!["execution_count"]!.GetValue<int>()));
    }

    [Fact]
    public void Nbconvert_applies_display_updates_in_the_same_and_later_cells()
    {
        var cells = Execute("display_update");
        Assert.Equal("second", Data(cells[0], "display_data")["text/plain"].Text());
        Assert.Empty(cells[1]!["outputs"]!.AsArray());
        Assert.Equal("step 3", Data(cells[2], "display_data")["text/plain"].Text());
    }

    [Fact]
    public void Nbconvert_reports_the_error_cell_and_goes_on_with_allow_errors()
    {
        var cells = Execute("error", "--allow-errors");
        var error = cells[1]!["outputs"]![0]!;
        Assert.Equal("error", error["output_type"]!.GetValue<string>());
        Assert.Contains("InvalidOperationException", error["ename"]!.GetValue<string>());
        Assert.Equal("bad input", error["evalue"]!.GetValue<string>());
        Assert.Equal("2", Data(cells[2], "execute_result")["text/plain"].Text());
    }

    [Fact]
    public void Nbconvert_stops_at_the_error_cell_without_allow_errors()
    {
        var output = Directory.CreateTempSubdirectory("course-nb-").FullName;
        var (exit, log) = kernel.Jupyter("/usr/bin/jupyter", ["nbconvert", "--to", "notebook", "--execute", $"--ExecutePreprocessor.kernel_name={kernel.Name}", "--output-dir", output, Fixture("error")], output);
        Assert.NotEqual(0, exit);
        Assert.Contains("bad input", log);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Exported_html_renders_the_plotly_chart_offline_in_chromium()
    {
        var output = Directory.CreateTempSubdirectory("course-plotly-").FullName;
        Execute("plotly", output: output);
        var (exit, log) = KernelInstallation.Run("/usr/bin/jupyter", ["nbconvert", "--to", "html", Path.Combine(output, "plotly.ipynb")], output);
        Assert.True(exit == 0, log);
        var (browserExit, dom) = KernelInstallation.Run("/usr/bin/chromium",
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", $"--user-data-dir={Path.Combine(output, "profile")}",
            "--virtual-time-budget=10000", "--dump-dom", new Uri(Path.Combine(output, "plotly.html")).AbsoluteUri,
        ], output);
        Assert.Equal(0, browserExit);
        Assert.Contains("plot-container", dom);
        Assert.Contains("class=\"main-svg\"", dom);
    }

    private static string Fixture(string name) => Path.Combine(KernelInstallation.KernelTestsDirectory, "fixtures", name + ".ipynb");

    private JsonArray Execute(string fixture, string? extra = null, string? output = null)
    {
        output ??= Directory.CreateTempSubdirectory("course-nb-").FullName;
        List<string> args = ["nbconvert", "--to", "notebook", "--execute", $"--ExecutePreprocessor.kernel_name={kernel.Name}", "--output-dir", output, Fixture(fixture)];
        if (extra is not null) args.Add(extra);
        var (exit, log) = kernel.Jupyter("/usr/bin/jupyter", args, output);
        Assert.True(exit == 0, log);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(output, fixture + ".ipynb")))!["cells"]!.AsArray();
    }

    private static JsonObject Data(JsonNode? cell, string outputType) =>
        cell!["outputs"]!.AsArray().Single(o => o!["output_type"]!.GetValue<string>() == outputType)!["data"]!.AsObject();
}

/// <summary>nbformat stores multi-line text either as one string or as a list of lines.</summary>
internal static class NotebookText
{
    public static string Text(this JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        JsonValue value => value.GetValue<string>(),
        _ => throw new InvalidOperationException($"expected notebook text, got {node?.ToJsonString() ?? "null"}"),
    };
}
