using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Course.Platform;
using TorchSharp;

namespace Course.Bench;

/// <summary>
/// What faults and contention cost: the runner's own time for a cell that prints 100,000 lines, and training
/// with one competing busy process at CpuBudget's thread count vs. a pool oversubscribed to the host's cores.
/// </summary>
public sealed partial class ReliabilityBench(Settings settings, BenchTable table, TextWriter log)
{
    /// <summary>
    /// `course run` on a cell printing <paramref name="lines"/> lines and on a cell printing one; the runner's cost
    /// is the difference in wall time beyond the difference in the cells' own (worker-measured) time.
    /// </summary>
    public void PrintedLines(int lines = 100_000)
    {
        var folder = Directory.CreateTempSubdirectory("course-bench-print-").FullName;
        try
        {
            log.WriteLine($"runner: a cell printing {lines:N0} lines …");
            var (manyWall, manyCell) = RunCell(folder, "many", $"for (var i = 0; i < {lines}; i++) Console.WriteLine($\"line {{i}} of the output\");");
            var (oneWall, oneCell) = RunCell(folder, "one", "Console.WriteLine(\"line 0 of the output\");");
            var runner = manyWall - oneWall - (manyCell - oneCell);
            table.Add(new BenchRow("reliability", $"`course run`: runner's time for {lines:N0} printed lines", "s", runner, null,
                $"wall {manyWall:0.00} s vs {oneWall:0.00} s for one line, minus the cells' own {manyCell:0.00} s vs {oneCell:0.00} s; target < 2 s"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (double Wall, double Cell) RunCell(string folder, string name, string code)
    {
        var notebook = new JsonObject
        {
            ["cells"] = new JsonArray(new JsonObject { ["cell_type"] = "code", ["execution_count"] = null, ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray(), ["source"] = code }),
            ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 4,
        };
        var path = Path.Combine(folder, name + ".ipynb");
        File.WriteAllText(path, notebook.ToJsonString());
        var cli = Path.Combine(AppContext.BaseDirectory, "Course.Cli.dll");
        var clock = Stopwatch.StartNew();
        var (exit, output, error) = ExternalTool.Run(new ProcessStartInfo("dotnet", ["exec", cli, "run", path, "-o", Path.Combine(folder, "out")]), TimeSpan.FromMinutes(10));
        var wall = clock.Elapsed.TotalSeconds;
        if (exit != 0) throw new InvalidOperationException($"course run {name} failed (exit {exit}):\n{output}\n{error}");
        var cell = CellSeconds().Match(output);
        if (!cell.Success) throw new InvalidOperationException($"no cell time in the output of course run:\n{output}");
        return (wall, double.Parse(cell.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"✓ cell 1 \[1/1\] ([0-9.]+) s")]
    private static partial Regex CellSeconds();

    /// <summary>
    /// MnistCnn training (notebook 03's CNN, batch 64, a fixed subset) alone, and next to one busy process
    /// with the host's core count as threads (oversubscribed) and with one thread fewer (what CpuBudget picks for
    /// a quota of the cores minus the busy one).
    /// </summary>
    public void Contention(TorchSharpSide side)
    {
        var host = Environment.ProcessorCount;
        var fewer = Math.Max(1, host - 1);
        var count = settings.TrainCount["cnn"] / 2;
        double Median(int threads)
        {
            torch.set_num_threads(threads);
            side.TrainEpoch("cnn", settings.BatchSize, settings.WarmupCount, settings.Seed);
            var times = Enumerable.Range(0, settings.TrainRuns).Select(_ => side.TrainEpoch("cnn", settings.BatchSize, count, settings.Seed).Seconds).Order().ToList();
            return times[times.Count / 2];
        }
        log.WriteLine("contention: MnistCnn alone …");
        var alone = Median(host);
        double oversubscribed, budget;
        using (var busy = Process.Start(new ProcessStartInfo("sh", ["-c", "while :; do :; done"]))!)
        {
            try
            {
                log.WriteLine("contention: MnistCnn next to one busy process …");
                oversubscribed = Median(host);
                budget = Median(fewer);
            }
            finally
            {
                busy.Kill();
                busy.WaitForExit();
            }
        }
        torch.set_num_threads(settings.Threads);
        var what = $"MnistCnn, {count:N0} images, batch {settings.BatchSize}";
        table.Add(new BenchRow("reliability", $"{what}: {host} threads, no busy process of ours", "s", alone, null, $"median of {settings.TrainRuns}; the load average above says how busy the machine was anyway"));
        table.Add(new BenchRow("reliability", $"{what}: {host} threads next to one busy process (oversubscribed)", "s", oversubscribed, null,
            $"median of {settings.TrainRuns}; {oversubscribed / alone:0.00}× the time without it"));
        table.Add(new BenchRow("reliability", $"{what}: {fewer} thread(s) next to one busy process (CpuBudget for a {fewer}-CPU quota)", "s", budget, null,
            $"median of {settings.TrainRuns}; {budget / alone:0.00}× the time without it, {budget / oversubscribed:0.00}× the oversubscribed one"));
    }
}
