using Course.Experiments;
using Course.Formatting;
using Course.Hosting;
using Course.Metrics;
using Course.Notebooks.Formatting;
using Course.Platform;
using static TorchSharp.torch;

namespace Course.Tests.Formatting;

public class FormattingTests
{
    public FormattingTests()
    {
        TorchRuntime.EnsureLoaded();
        CourseFormatters.RegisterAll();
        CourseFormatters.RegisterAll(); // idempotent
    }

    [Fact]
    public void Small_tensor_shows_every_value_with_shape_dtype_and_device()
    {
        var text = Formatter.Format(tensor(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } })).PlainText;
        Assert.Equal("tensor float32 [2, 3] on cpu\n[[1.0000, 2.0000, 3.0000],\n [4.0000, 5.0000, 6.0000]]", text);
        Assert.Equal("tensor int64 [] on cpu\n7", Formatter.Format(tensor(7L)).PlainText);
    }

    [Fact]
    public void Large_tensor_is_truncated_to_its_edges()
    {
        var big = arange(100_000, dtype: ScalarType.Int64).reshape(1000, 100);
        var bundle = Formatter.Format(big);
        var lines = bundle.PlainText.Split('\n');
        Assert.Equal("tensor int64 [1000, 100] on cpu", lines[0]);
        Assert.Equal(1 + 3 + 1 + 3, lines.Length);      // header, 3 rows, "…", 3 rows
        Assert.Equal("[[    0,     1,     2, …,    97,    98,    99],", lines[1]);
        Assert.Equal(" …,", lines[4]);
        Assert.EndsWith("99997, 99998, 99999]]", lines[^1]);
        Assert.True(bundle.PlainText.Length < 500);
        Assert.Contains("<code>int64 [1000, 100] on cpu</code>", bundle.Data["text/html"]);
    }

    [Fact]
    public void Course_types_get_html()
    {
        var table = new ResultTable("lr", [new RunResult("lr", "0.1", 1, new Dictionary<string, double> { ["acc"] = 0.9 }, 1)]);
        Assert.Contains("<table>", Formatter.Format(table).Data["text/html"]);
        var cm = ConfusionMatrix.FromClasses([0, 1, 1], [0, 1, 0]);
        var bundle = Formatter.Format(cm);
        Assert.Contains("accuracy 66.67% of 3", bundle.Data["text/html"]);
        Assert.Equal(cm.ToString(), bundle.PlainText);
        Assert.Equal("precision 0.500, recall 1.000, F1 0.667", Formatter.Format(PrecisionRecall.Of(0.5, 1)).PlainText);
    }
}
