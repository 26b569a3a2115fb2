using System.Globalization;
using System.Text;

namespace Course.Bench;

/// <summary>One measured quantity, for TorchSharp and (where there is a counterpart) PyTorch.</summary>
/// <param name="Section">Group in the table, e.g. "training".</param>
/// <param name="Benchmark">What ran, e.g. "MnistCnn, 1 epoch".</param>
/// <param name="Unit">Unit of both values, e.g. "s" or "images/s".</param>
/// <param name="TorchSharp">The C# value (null when it could not be measured).</param>
/// <param name="PyTorch">The Python value, or null when the benchmark has no PyTorch side.</param>
/// <param name="Notes">How it was measured (runs, spread, data size).</param>
public sealed record BenchRow(string Section, string Benchmark, string Unit, double? TorchSharp, double? PyTorch, string Notes = "")
{
    /// <summary>TorchSharp ÷ PyTorch, when both exist.</summary>
    public double? Ratio => TorchSharp is { } ts && PyTorch is { } pt && pt != 0 ? ts / pt : null;
}

/// <summary>The results as a markdown table (for people) and a CSV file (for tools), with the run's context above.</summary>
public sealed class BenchTable
{
    private readonly List<BenchRow> rows = [];

    /// <summary>Facts about the run shown above the table (machine, versions, threads, date), in order.</summary>
    public List<(string Label, string Value)> Context { get; } = [];

    /// <summary>The rows added so far.</summary>
    public IReadOnlyList<BenchRow> Rows => rows;

    /// <summary>Adds a row.</summary>
    public void Add(BenchRow row) => rows.Add(row);

    /// <summary>Context as a bullet list, then one markdown table of all rows.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        foreach (var (label, value) in Context)
            text.Append("- **").Append(label).Append("**: ").AppendLine(Escape(value));
        if (Context.Count > 0) text.AppendLine();
        text.AppendLine("| section | benchmark | unit | TorchSharp | PyTorch | TorchSharp / PyTorch | notes |");
        text.AppendLine("|---|---|---|--:|--:|--:|---|");
        foreach (var row in rows)
        {
            text.Append("| ").Append(Escape(row.Section))
                .Append(" | ").Append(Escape(row.Benchmark))
                .Append(" | ").Append(Escape(row.Unit))
                .Append(" | ").Append(Format(row.TorchSharp))
                .Append(" | ").Append(Format(row.PyTorch))
                .Append(" | ").Append(row.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "—")
                .Append(" | ").Append(Escape(row.Notes))
                .AppendLine(" |");
        }
        return text.ToString();
    }

    /// <summary>RFC 4180 CSV, one line per row; numbers in full precision with '.' as decimal point; empty = not measured.</summary>
    public string ToCsv()
    {
        var text = new StringBuilder("section,benchmark,unit,torchsharp,pytorch,ratio,notes\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', Quote(row.Section), Quote(row.Benchmark), Quote(row.Unit),
                Raw(row.TorchSharp), Raw(row.PyTorch), Raw(row.Ratio), Quote(row.Notes)).Append("\r\n");
        }
        return text.ToString();
    }

    /// <summary>Three significant digits without exponent (0.0123, 1.23, 123, 12345); "—" when missing.</summary>
    public static string Format(double? value)
    {
        if (value is not { } v) return "—";
        if (!double.IsFinite(v)) return v.ToString(CultureInfo.InvariantCulture);
        double magnitude = Math.Abs(v);
        int decimals = magnitude == 0 ? 0 : Math.Clamp(2 - (int)Math.Floor(Math.Log10(magnitude)), 0, 6);
        return v.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    private static string Raw(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    // A pipe would split a markdown cell; a line break would end the row.
    private static string Escape(string text) => text.Replace("|", "\\|").ReplaceLineEndings(" ");

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{field.Replace("\"", "\"\"")}\"" : field;
}
