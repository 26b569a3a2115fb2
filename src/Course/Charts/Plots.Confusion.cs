using Course.Metrics;
using Plotly.NET;
using Plotly.NET.CSharp;
using static Course.Charts.ChartStyle;
using PChart = Plotly.NET.CSharp.Chart;

namespace Course.Charts;

public static partial class Plots
{
    /// <summary>
    /// Confusion matrix as a heatmap with the count written in every cell: rows are true classes (top to bottom),
    /// columns predictions. Bright off-diagonal cells are the mistakes the model makes most.
    /// </summary>
    public static GenericChart ConfusionMatrix(ConfusionMatrix matrix, string title = "Confusion matrix")
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var rows = matrix.ToRows();
        var labels = matrix.Labels.ToArray();
        var chart = PChart.Heatmap<int, string, string, string>(rows, X: labels, Y: labels)
            .WithTraceProperty("colorscale", "Blues")
            .WithTraceProperty("hovertemplate", "true %{y}, predicted %{x}: %{z}<extra></extra>");
        int max = Math.Max(1, rows.SelectMany(r => r).DefaultIfEmpty(0).Max());
        var annotations = new List<DynamicObj.DynamicObj>();
        for (int r = 0; r < rows.Length; r++)
            for (int c = 0; c < rows.Length; c++)
                annotations.Add(Obj(("x", labels[c]), ("y", labels[r]), ("text", rows[r][c].ToString()), ("showarrow", false),
                    ("font", Obj(("color", rows[r][c] > max / 2 ? "white" : "black"), ("size", rows.Length > 12 ? 9 : 12)))));
        var styled = chart.Styled(title, "predicted", "true", width: 560, height: 520);
        var layout = styled.GetLayout();
        layout.SetProperty("annotations", annotations);
        Axis(layout, "yaxis").SetProperty("autorange", "reversed");
        Axis(layout, "xaxis").SetProperty("side", "bottom");
        return styled;
    }
}
