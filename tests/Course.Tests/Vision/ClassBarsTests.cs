using Course.Tests.Charts;
using Course.Charts;

namespace Course.Tests.Vision;

public sealed class ClassBarsTests
{
    [Fact]
    public void Each_series_is_a_bar_trace_with_one_value_per_class_grouped_side_by_side()
    {
        string[] classes = ["0", "1", "2"];
        var chart = ClassBars.Chart("balance", "share", classes, ("train", [0.2, 0.5, 0.3]), ("test", [0.25, 0.45, 0.3]));
        var traces = ChartJson.Traces(chart);
        Assert.Equal(2, traces.Length);
        Assert.All(traces, t => Assert.Equal("bar", t.GetProperty("type").GetString()));
        Assert.Equal("test", traces[1].GetProperty("name").GetString());
        Assert.Equal([0.25, 0.45, 0.3], ChartJson.Numbers(traces[1].GetProperty("y")));
        Assert.Equal(classes, traces[0].GetProperty("x").EnumerateArray().Select(e => e.GetString()).ToArray());
        var layout = ChartJson.Layout(chart);
        Assert.Equal("group", layout.GetProperty("barmode").GetString());
        Assert.Equal("category", layout.GetProperty("xaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void A_series_of_the_wrong_length_is_refused_with_the_counts()
    {
        var error = Assert.Throws<ArgumentException>(() => ClassBars.Chart("t", "y", ["a", "b"], ("s", [1.0])));
        Assert.Contains("1 values for 2 classes", error.Message);
    }
}
