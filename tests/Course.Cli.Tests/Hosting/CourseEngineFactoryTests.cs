using System.Diagnostics;
using Course.Cli.Hosting;
using Course.Hosting;
using Course.Notebooks.Execution;
using Course.Notebooks.Formatting;
using Xunit.Abstractions;

namespace Course.Cli.Tests.Hosting;

public class CourseEngineFactoryTests(ITestOutputHelper log)
{
    private sealed class Sink : IOutputSink
    {
        public List<MimeBundle> Displays { get; } = [];
        public void Stream(string name, string text) { }
        public void Clear(bool wait) { }
        public void Display(MimeBundle bundle, string? displayId, bool update) { lock (Displays) Displays.Add(bundle); }
    }

    private static async Task<CellResult> Run(INotebookEngine engine, string code, Sink? sink = null)
    {
        var result = await engine.ExecuteAsync(code, sink ?? new Sink(), CancellationToken.None);
        Assert.True(result.Status == CellStatus.Ok, $"{code}\n{string.Join("\n", result.Error?.Traceback ?? [])}");
        return result;
    }

    [Fact]
    public async Task Cells_use_TorchSharp_the_course_library_and_charts_without_any_setup()
    {
        var clock = Stopwatch.StartNew();
        using var engine = CourseEngineFactory.Create();
        log.WriteLine($"Create (libtorch load + compiler warm-up): {clock.ElapsedMilliseconds} ms");
        clock.Restart();
        await Run(engine, "var t = ones(2, 3);");
        log.WriteLine($"first cell: {clock.ElapsedMilliseconds} ms");
        Assert.Equal("6", (await Run(engine, "t.sum().item<float>()")).Value!.PlainText);
        Assert.Equal("Course.Data", (await Run(engine, "typeof(Mnist).Namespace")).Value!.PlainText);
        Assert.Contains("Course.Platform", CourseEngineFactory.Options().Imports);

        var sink = new Sink();
        var chart = await Run(engine, "Chart.Line<int, double, string>(x: new[] { 1, 2 }, y: new[] { 0.5, 0.25 })", sink);
        Assert.Contains("application/vnd.plotly.v1+json", chart.Value!.Data.Keys);
        Assert.Contains(sink.Displays, d => d.Data.GetValueOrDefault("text/html")?.Contains("plotly.min.js") == true);

        var warm = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            clock.Restart();
            await Run(engine, "1 + 1");
            warm.Add(clock.Elapsed.TotalMilliseconds);
        }
        warm.Sort();
        log.WriteLine($"warm 1+1 over {warm.Count} cells: median {warm[warm.Count / 2]:F1} ms, min {warm[0]:F1} ms, max {warm[^1]:F1} ms");
    }
}
