using Course.Bench;
using Course.Experiments;

namespace Course.Tests.Bench;

// Only the benchmark's report formatting is tested here; the benchmarks themselves run in bench/run.sh, never in tests.
public sealed class BenchTableTests
{
    private static BenchTable Sample()
    {
        var table = new BenchTable();
        table.Context.Add(("machine", "AMD EPYC | 2 cores"));
        table.Add(new BenchRow("training", "MnistCnn, 1 epoch", "s", 52.4, 40.3, "median of 3, batch 64"));
        table.Add(new BenchRow("data", "Mnist.Load(), warm", "s", 0.1234, null));
        return table;
    }

    [Fact]
    public void Markdown_has_one_row_per_result_with_ratio_and_dash_for_missing_values()
    {
        string[] lines = Sample().ToMarkdown().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(@"- **machine**: AMD EPYC \| 2 cores", lines[0]);
        Assert.Equal("| section | benchmark | unit | TorchSharp | PyTorch | TorchSharp / PyTorch | notes |", lines[1]);
        Assert.Equal("| training | MnistCnn, 1 epoch | s | 52.4 | 40.3 | 1.30 | median of 3, batch 64 |", lines[3]);
        Assert.Equal("| data | Mnist.Load(), warm | s | 0.123 | — | — |  |", lines[4]);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public void Csv_keeps_full_precision_quotes_commas_and_leaves_missing_values_empty()
    {
        var records = Csv.Parse(Sample().ToCsv());
        Assert.Equal(["section", "benchmark", "unit", "torchsharp", "pytorch", "ratio", "notes"], records[0]);
        Assert.Equal(["training", "MnistCnn, 1 epoch", "s", "52.4", "40.3", (52.4 / 40.3).ToString("R", System.Globalization.CultureInfo.InvariantCulture), "median of 3, batch 64"], records[1]);
        Assert.Equal(["data", "Mnist.Load(), warm", "s", "0.1234", "", "", ""], records[2]);
    }

    [Theory]
    [InlineData(12345.6, "12346")]
    [InlineData(123.45, "123")]
    [InlineData(1.2345, "1.23")]
    [InlineData(0.012345, "0.0123")]
    [InlineData(0.0, "0")]
    [InlineData(-4.56, "-4.56")]
    public void Numbers_show_three_significant_digits_without_exponent(double value, string expected) =>
        Assert.Equal(expected, BenchTable.Format(value));

    [Fact]
    public void Readme_section_between_markers_is_replaced_and_the_rest_kept()
    {
        string readme = "# Title\n\nintro\n<!-- bench:start -->\nold table\n<!-- bench:end -->\n\n## After\n";
        string result = ReadmeSection.Replace(readme, "new table\n");
        Assert.Equal("# Title\n\nintro\n<!-- bench:start -->\nnew table\n<!-- bench:end -->\n\n## After\n", result);
        Assert.Equal(result, ReadmeSection.Replace(result, "new table"));
    }

    [Fact]
    public void Readme_without_markers_is_an_error_that_says_what_to_add()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ReadmeSection.Replace("# Title\n", "table"));
        Assert.Contains("<!-- bench:start -->", error.Message);
    }
}
