using System.Text.Json.Nodes;
using Course.Cli.Hosting;
using Course.Hosting;
using Course.Notebooks.Execution;
using Course.Notebooks.Formatting;

namespace Course.Kernel.Tests;

/// <summary>
/// The course engine as the kernel runs it: the editing analysis warmed at start and a front end asking for
/// completions and inspections without pause, while notebook 01's first cells (TorchSharp, the course library, the
/// course's <c>using static TorchSharp.torch</c>) run. Every cell must succeed: a completion compiled beside the cells
/// once made one fail with CS0433 (TorchSharp's types in two assembly symbols). EditingIsolationTests pins the cause.
/// </summary>
public sealed class EditingBesideCellsTests
{
    private sealed class Sink : IOutputSink
    {
        public void Stream(string name, string text) { }
        public void Clear(bool wait) { }
        public void Display(MimeBundle bundle, string? displayId, bool update) { }
    }

    // The notebook's cells up to its first training run, then cells that use what they defined.
    private static List<string> Cells()
    {
        var notebook = JsonNode.Parse(File.ReadAllText(Path.Combine(KernelInstallation.RepositoryRoot(), "notebooks", "01-regression-losses.ipynb")))!;
        var code = notebook["cells"]!.AsArray()
            .Where(c => (string?)c!["cell_type"] == "code")
            .Select(c => string.Concat(c!["source"]!.AsArray().Select(line => (string?)line)))
            .Take(5)
            .ToList();
        Assert.Contains(code, c => c.Contains("Tensor Mse(", StringComparison.Ordinal));
        return [.. code, "Tensor difference = Mse(ones(3), zeros(3)); difference.item<float>()", "Huber(difference, zeros(1)).item<float>()"];
    }

    [Fact]
    public async Task Notebook_cells_run_while_completions_and_inspections_compile_beside_them()
    {
        var cells = Cells();
        for (var round = 0; round < 3; round++)
        {
            using var engine = CourseEngineFactory.CreateEngine(CourseEngineFactory.Options());
            using var stop = new CancellationTokenSource();
            var warm = engine.WarmUpEditingAsync();
            var editor = Task.Run(async () =>
            {
                var asked = 0;
                for (; !stop.IsCancellationRequested; asked++)
                {
                    Assert.Contains("Linear", (await engine.CompleteAsync("nn.", 3, CancellationToken.None)).Matches.Select(m => m.Text));
                    Assert.NotNull(await engine.InspectAsync("optim.Adam(", 10, CancellationToken.None));
                }
                return asked;
            });
            foreach (var cell in cells)
            {
                var result = await engine.ExecuteAsync(cell, new Sink(), CancellationToken.None);
                Assert.True(result.Status == CellStatus.Ok, $"round {round}, cell:\n{cell}\n{string.Join("\n", result.Error?.Traceback ?? [])}");
            }
            stop.Cancel();
            await warm;
            Assert.True(await editor > 0, "no completion ran beside the cells");
        }
    }
}
