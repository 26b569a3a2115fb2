using Course.Charts;
using static Course.Tests.Charts.ChartJson;

namespace Course.Tests.Lessons;

public class LinesChartTests
{
    [Fact]
    public void Series_become_named_traces_in_their_styles_with_log_axes_on_request()
    {
        var chart = Plots.Lines([
            new Series("data", [1, 2, 3], [2, 4, 9], SeriesStyle.Markers),
            new Series("fit", [1, 3], [2, 8]),
            new Series("floor", [1, 3], [1, 1], SeriesStyle.Dashed)], "title", "x", "y", logY: true);
        var traces = Traces(chart);
        Assert.Equal(["data", "fit", "floor"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("markers", traces[0].GetProperty("mode").GetString());
        Assert.Equal("dash", traces[2].GetProperty("line").GetProperty("dash").GetString());
        Assert.Equal("solid", traces[1].GetProperty("line").GetProperty("dash").GetString());
        Assert.Equal([2.0, 4, 9], Numbers(traces[0].GetProperty("y")));
        var layout = Layout(chart);
        Assert.Equal("log", layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.False(layout.GetProperty("xaxis").TryGetProperty("type", out _));
        Assert.Equal("title", layout.GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Mismatched_lengths_name_the_series()
    {
        var e = Assert.Throws<ArgumentException>(() => Plots.Lines([new Series("bad", [1, 2], [1])], "t", "x", "y"));
        Assert.Contains("'bad'", e.Message);
        Assert.Throws<ArgumentException>(() => Plots.Lines([], "t", "x", "y"));
    }

    [Fact]
    public void Panels_put_each_chart_on_its_own_axes_in_one_row()
    {
        var one = Plots.Lines([new Series("a", [0, 1], [0, 1])], "a", "x", "y");
        var two = Plots.Lines([new Series("b", [0, 1], [1, 0])], "b", "x", "y");
        var chart = Plots.Panels([one, two], "both");
        var traces = Traces(chart);
        Assert.Equal(2, traces.Length);
        Assert.Equal("x2", traces[1].GetProperty("xaxis").GetString());
        var grid = Layout(chart).GetProperty("grid");
        Assert.Equal(1, grid.GetProperty("rows").GetInt32());
        Assert.Equal(2, grid.GetProperty("columns").GetInt32());
    }

    [Fact]
    public void Positive_drops_the_points_a_log_axis_cannot_show_and_keeps_their_positions()
    {
        var steps = Series.Steps("gradient", [0.0, 1e-30, 0.0, 0.5], SeriesStyle.Dashed).Positive();
        Assert.Equal([2.0, 4.0], steps.X);
        Assert.Equal([1e-30, 0.5], steps.Y);
        Assert.Equal(SeriesStyle.Dashed, steps.Style);
        Assert.Single(Traces(Plots.Lines([steps], "t", "x", "y", logY: true)));
    }
}
