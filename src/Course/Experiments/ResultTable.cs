using System.Globalization;
using Course.Formatting;
using Course.Metrics;
using System.Text;
using Course.Charts;
using Plotly.NET;

namespace Course.Experiments;

/// <summary>
/// The results of a sweep: one row per run (parameter value, seed, metrics, seconds, error) and an aggregate per
/// value (mean ± sd over seeds). Prints as text, shows as HTML in a notebook, saves to and loads from CSV.
/// </summary>
public sealed class ResultTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly string[] FixedColumns = ["parameter", "value", "seed", "seconds", "error"];

    /// <summary>A table of the given runs of <paramref name="parameter"/>.</summary>
    public ResultTable(string parameter, IEnumerable<RunResult> rows)
    {
        Parameter = parameter;
        Rows = rows.ToList();
        MetricNames = Rows.SelectMany(r => r.Metrics.Keys).Distinct().ToList();
    }

    /// <summary>Name of the swept parameter.</summary>
    public string Parameter { get; }

    /// <summary>Every run, in the order they ran.</summary>
    public IReadOnlyList<RunResult> Rows { get; }

    /// <summary>Metric names in first-seen order.</summary>
    public IReadOnlyList<string> MetricNames { get; }

    /// <summary>Runs that failed.</summary>
    public IEnumerable<RunResult> Failures => Rows.Where(r => r.Failed);

    /// <summary>One row per parameter value (in sweep order): mean ± sd of each metric over its successful seeds.</summary>
    public IReadOnlyList<SummaryRow> Summary() =>
        Rows.GroupBy(r => r.Value).Select(group =>
        {
            var ok = group.Where(r => !r.Failed).ToList();
            var metrics = MetricNames.ToDictionary(m => m,
                m => MeanStd.Of(ok.Where(r => r.Metrics.ContainsKey(m)).Select(r => r.Metrics[m]).ToList()));
            return new SummaryRow(group.Key, group.Count(), group.Count() - ok.Count, metrics, MeanStd.Of(ok.Select(r => r.Seconds).ToList()));
        }).ToList();

    /// <summary>Mean ± sd of <paramref name="metric"/> per parameter value, with error bars.</summary>
    public GenericChart Chart(string metric)
    {
        if (!MetricNames.Contains(metric))
            throw new ArgumentException($"No metric '{metric}' in this table; it has: {string.Join(", ", MetricNames)}.", nameof(metric));
        var summary = Summary().Where(s => s.Metrics[metric].Count > 0).ToList();
        return Plots.MeanWithErrorBars(summary.Select(s => s.Value).ToList(), summary.Select(s => s.Metrics[metric].Mean).ToList(),
            summary.Select(s => s.Metrics[metric].StdDev).ToList(), Parameter, metric);
    }

    /// <summary>Writes <see cref="ToText"/> to the console (the cell output in a notebook).</summary>
    public void Print() => Console.Out.Write(ToText());

    /// <summary>The per-value summary then every run, as aligned text columns.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        var summary = Summary();
        text.AppendLine($"{Parameter}: {summary.Count} values × {Rows.Count / Math.Max(1, summary.Count)} seeds, {Failures.Count()} failed");
        Aligned(text, [Parameter, "runs", .. MetricNames.Select(m => $"{m} (mean ± sd)"), "mean seconds"],
            summary.Select(s => (IReadOnlyList<string>)[s.Value, $"{s.Runs - s.Failed}/{s.Runs}", .. MetricNames.Select(m => s.Metrics[m].ToString()), s.Seconds.Mean.ToString("0.00", Invariant)]));
        text.AppendLine();
        Aligned(text, [Parameter, "seed", .. MetricNames, "seconds", "error"],
            Rows.Select(r => (IReadOnlyList<string>)[r.Value, r.Seed.ToString(Invariant), .. MetricNames.Select(m => r.Metrics.TryGetValue(m, out var v) ? MeanStd.Format(v) : "—"),
                r.Seconds.ToString("0.00", Invariant), r.Error ?? ""]));
        return text.ToString();
    }

    /// <summary>Summary and runs as HTML tables (failed runs highlighted with their error).</summary>
    public string ToHtml()
    {
        var html = new StringBuilder("<div class=\"course-results\">");
        var summary = Summary();
        HtmlTable(html, [Parameter, "runs", .. MetricNames.Select(m => $"{m} (mean ± sd)"), "mean seconds"],
            summary.Select(s => ((IReadOnlyList<string>)[s.Value, $"{s.Runs - s.Failed}/{s.Runs}", .. MetricNames.Select(m => s.Metrics[m].ToString()), s.Seconds.Mean.ToString("0.00", Invariant)], s.Failed > 0)));
        html.Append("<details><summary>").Append(Rows.Count).Append(" runs</summary>");
        HtmlTable(html, [Parameter, "seed", .. MetricNames, "seconds", "error"],
            Rows.Select(r => ((IReadOnlyList<string>)[r.Value, r.Seed.ToString(Invariant), .. MetricNames.Select(m => r.Metrics.TryGetValue(m, out var v) ? MeanStd.Format(v) : "—"),
                r.Seconds.ToString("0.00", Invariant), r.Error ?? ""], r.Failed)));
        return html.Append("</details></div>").ToString();
    }

    /// <summary>Saves every run as CSV (RFC 4180: comma-separated, fields with commas, quotes or newlines quoted, numbers round-trip exactly).</summary>
    public void SaveCsv(string path)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(",", FixedColumns.Concat(MetricNames).Select(Csv.Quote))).Append("\r\n");
        foreach (var r in Rows)
        {
            IEnumerable<string> fields = [r.Parameter, r.Value, r.Seed.ToString(Invariant), r.Seconds.ToString("R", Invariant), r.Error ?? "",
                .. MetricNames.Select(m => r.Metrics.TryGetValue(m, out var v) ? v.ToString("R", Invariant) : "")];
            csv.Append(string.Join(",", fields.Select(Csv.Quote))).Append("\r\n");
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllText(path, csv.ToString(), new UTF8Encoding(false));
    }

    /// <summary>Loads a table saved with <see cref="SaveCsv"/>.</summary>
    public static ResultTable Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No results file at {Path.GetFullPath(path)}; save one with table.SaveCsv(path) first.", path);
        var records = Csv.Parse(File.ReadAllText(path));
        if (records.Count == 0 || !records[0].Take(FixedColumns.Length).SequenceEqual(FixedColumns))
            throw new InvalidDataException($"{path} is not a results table: its header must start with {string.Join(",", FixedColumns)}.");
        var metrics = records[0].Skip(FixedColumns.Length).ToList();
        var rows = records.Skip(1).Select((f, line) =>
        {
            if (f.Count != records[0].Count)
                throw new InvalidDataException($"{path}, record {line + 2}: {f.Count} fields, header has {records[0].Count}.");
            var values = metrics.Select((m, i) => (m, text: f[FixedColumns.Length + i])).Where(p => p.text != "")
                .ToDictionary(p => p.m, p => double.Parse(p.text, Invariant));
            return new RunResult(f[0], f[1], int.Parse(f[2], Invariant), values, double.Parse(f[3], Invariant), f[4] == "" ? null : f[4]);
        }).ToList();
        return new ResultTable(rows.FirstOrDefault()?.Parameter ?? "value", rows);
    }

    /// <inheritdoc/>
    public override string ToString() => ToText();

    private static void Aligned(StringBuilder text, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, c) => all.Max(r => r[c].Length)).ToArray();
        foreach (var (row, index) in all.Select((r, i) => (r, i)))
        {
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c == 0 || c == row.Count - 1 && header[^1] == "error" ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
            if (index == 0) text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        }
    }

    private static void HtmlTable(StringBuilder html, IReadOnlyList<string> header, IEnumerable<(IReadOnlyList<string> Cells, bool Failed)> rows)
    {
        html.Append("<table><thead><tr>");
        foreach (var h in header) html.Append("<th>").Append(Html.Encode(h)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var (cells, failed) in rows)
        {
            html.Append(failed ? "<tr style=\"background:#fdecea\">" : "<tr>");
            foreach (var c in cells) html.Append("<td>").Append(Html.Encode(c)).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
    }
}
