using Course.Experiments;
using Course.Hosting;
using Course.Notebooks.Execution;
using Course.Notebooks.Formatting;
using Course.Platform;
using static Course.Tests.Charts.ChartJson;

namespace Course.Tests.Experiments;

public class SweepTests
{
    public SweepTests() => TorchRuntime.EnsureLoaded();

    private sealed record Scores(double Accuracy, double Loss);

    private static ResultTable Table() => Sweep.Run([0.1, 0.01], [1, 2, 3],
        (lr, seed) => new Scores(Accuracy: lr * 10 - seed * 0.01, Loss: seed), parameter: "lr", device: TorchSharp.torch.CPU, log: TextWriter.Null);

    [Fact]
    public void One_row_per_value_and_seed_with_metrics_from_the_record()
    {
        var table = Table();
        Assert.Equal(6, table.Rows.Count);
        Assert.Equal(["Accuracy", "Loss"], table.MetricNames);
        Assert.Equal(["0.1", "0.1", "0.1", "0.01", "0.01", "0.01"], table.Rows.Select(r => r.Value));
        Assert.Equal([1, 2, 3, 1, 2, 3], table.Rows.Select(r => r.Seed));
        Assert.Equal(0.98, table.Rows[1].Metrics["Accuracy"], 12);
        Assert.All(table.Rows, r => Assert.True(r.Seconds >= 0));
    }

    [Fact]
    public void Summary_is_mean_and_sample_sd_over_seeds()
    {
        var summary = Table().Summary();
        Assert.Equal(["0.1", "0.01"], summary.Select(s => s.Value));
        var accuracy = summary[0].Metrics["Accuracy"];
        Assert.Equal(0.98, accuracy.Mean, 12);        // 0.99, 0.98, 0.97
        Assert.Equal(0.01, accuracy.StdDev, 12);
        Assert.Equal(3, accuracy.Count);
        Assert.Equal(2.0, summary[1].Metrics["Loss"].Mean, 12);
        Assert.Equal(1.0, summary[1].Metrics["Loss"].StdDev, 12);
    }

    [Fact]
    public void A_failing_run_is_recorded_and_the_sweep_goes_on()
    {
        var log = new StringWriter();
        var table = Sweep.Run([1, 2, 3], [0], (v, _) => v == 2 ? throw new InvalidOperationException("out of memory") : new { Accuracy = v / 10.0 },
            device: TorchSharp.torch.CPU, log: log);
        Assert.Equal(3, table.Rows.Count);
        var failed = Assert.Single(table.Failures);
        Assert.Equal("2", failed.Value);
        Assert.Equal("InvalidOperationException: out of memory", failed.Error);
        Assert.Equal(0.3, table.Rows[2].Metrics["Accuracy"], 12);
        Assert.Contains("FAILED", log.ToString());
        Assert.Equal(1, table.Summary()[1].Failed);
        Assert.Contains("out of memory", table.ToText());

        Assert.Throws<InvalidOperationException>(() => Sweep.Run([1, 2], [0], (v, _) => v == 2 ? throw new InvalidOperationException("boom") : v,
            stopOnError: true, device: TorchSharp.torch.CPU, log: TextWriter.Null));
    }

    [Fact]
    public void An_interrupted_cell_stops_the_sweep_between_runs_keeping_finished_runs()
    {
        using var cts = new CancellationTokenSource();
        using var cell = CellContext.Enter(new NullSink(), cts.Token);
        int calls = 0;
        var e = Assert.Throws<SweepCancelledException>(() => Sweep.Run([1, 2, 3], [0], (v, _) => { calls++; if (v == 2) cts.Cancel(); return v; },
            device: TorchSharp.torch.CPU, log: TextWriter.Null));
        Assert.Equal(2, calls);
        Assert.Equal(2, e.Partial.Rows.Count);
    }

    [Fact]
    public void Csv_round_trip_keeps_commas_quotes_newlines_and_exact_numbers()
    {
        var rows = new[]
        {
            new RunResult("optimizer", "Adam, β=\"0.9\"", 1, new Dictionary<string, double> { ["acc"] = 0.1 + 0.2, ["loss, train"] = 1e-7 }, 1.25),
            new RunResult("optimizer", "SGD", 2, new Dictionary<string, double>(), 0.5, "Error: line one\nline \"two\""),
        };
        var path = Path.Combine(Path.GetTempPath(), $"sweep-{Guid.NewGuid():N}.csv");
        try
        {
            new ResultTable("optimizer", rows).SaveCsv(path);
            var text = File.ReadAllText(path);
            Assert.StartsWith("parameter,value,seed,seconds,error,acc,\"loss, train\"\r\n", text);
            Assert.Contains("\"Adam, β=\"\"0.9\"\"\"", text);
            var loaded = ResultTable.Load(path);
            Assert.Equal("optimizer", loaded.Parameter);
            Assert.Equal(2, loaded.Rows.Count);
            Assert.Equal(rows[0].Value, loaded.Rows[0].Value);
            Assert.Equal(0.1 + 0.2, loaded.Rows[0].Metrics["acc"]);
            Assert.Equal(1e-7, loaded.Rows[0].Metrics["loss, train"]);
            Assert.Equal(rows[1].Error, loaded.Rows[1].Error);
            Assert.Empty(loaded.Rows[1].Metrics);
            Assert.Null(loaded.Rows[0].Error);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Loading_something_else_says_what_is_wrong()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-results-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "a,b\n1,2\n");
        try { Assert.Contains("header must start with", Assert.Throws<InvalidDataException>(() => ResultTable.Load(path)).Message); }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Text_html_and_chart_show_the_aggregates()
    {
        var table = Table();
        var text = table.ToText();
        Assert.Contains("0.98 ± 0.01", text);
        Assert.Contains("lr: 2 values × 3 seeds, 0 failed", text);
        var html = table.ToHtml();
        Assert.Contains("<th>Accuracy (mean ± sd)</th>", html);
        Assert.Equal(2 + 6 + 2, html.Split("<tr").Length - 1); // 2 headers + 6 runs + 2 summary rows

        var trace = Assert.Single(Traces(table.Chart("Accuracy")));
        Assert.Equal(["0.1", "0.01"], trace.GetProperty("x").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0.01, Numbers(trace.GetProperty("error_y").GetProperty("array"))[0], 12);
        Assert.Throws<ArgumentException>(() => table.Chart("F1"));
    }

    private sealed class NullSink : IOutputSink
    {
        public void Stream(string name, string text) { }
        public void Clear(bool wait) { }
        public void Display(MimeBundle bundle, string? displayId, bool update) { }
    }
}
