using Plotly.NET;
using Plotly.NET.CSharp;
using static Course.Charts.ChartStyle;
using static TorchSharp.torch;
using PChart = Plotly.NET.CSharp.Chart;

namespace Course.Charts;

public static partial class Plots
{
    private const int TileGap = 2, LabelRoom = 8;

    /// <summary>
    /// A grid of images (e.g. MNIST digits, <c>[N, 1, H, W]</c> or <c>[N, H, W]</c>) with their labels above each tile;
    /// with <paramref name="predicted"/> the caption reads "true→predicted" and wrong ones are red. All images go into
    /// one heatmap (gaps left empty), which stays small and renders offline.
    /// </summary>
    public static GenericChart Digits(Tensor images, Tensor? labels = null, Tensor? predicted = null, int columns = 10, int max = 50, string title = "Images")
    {
        var pixels = ImagesToArray(images, max, out int count, out int height, out int width);
        var trueLabels = labels is null ? null : Longs(labels, count);
        var predictedLabels = predicted is null ? null : Longs(predicted, count);
        columns = Math.Clamp(columns, 1, Math.Max(1, count));
        int rows = (count + columns - 1) / columns;
        int tileW = width + TileGap, tileH = height + LabelRoom;
        var z = new double?[rows * tileH][];
        for (int y = 0; y < z.Length; y++) z[y] = new double?[columns * tileW];
        var annotations = new List<DynamicObj.DynamicObj>();
        for (int i = 0; i < count; i++)
        {
            int top = (i / columns) * tileH + LabelRoom, left = (i % columns) * tileW;
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    z[top + y][left + x] = pixels[i][y * width + x];
            if (trueLabels is null && predictedLabels is null) continue;
            bool wrong = trueLabels is not null && predictedLabels is not null && trueLabels[i] != predictedLabels[i];
            string caption = (trueLabels, predictedLabels) switch
            {
                ({ } t, { } p) => t[i] == p[i] ? $"{t[i]}" : $"{t[i]}→{p[i]}",
                ({ } t, null) => $"{t[i]}",
                (null, { } p) => $"pred {p[i]}",
                _ => "",
            };
            annotations.Add(Obj(("x", left + width / 2.0), ("y", top - LabelRoom / 2.0), ("text", caption), ("showarrow", false),
                ("font", Obj(("size", 12), ("color", wrong ? Colors.Red : "#333")))));
        }
        // The facade's heatmap takes non-nullable values; the gaps between tiles must be null (not NaN, which is not JSON), so z is set directly.
        var chart = PChart.Heatmap<double, int, int, string>([[0.0]])
            .WithTraceProperty("z", z)
            .WithTraceProperty("colorscale", "Greys")
            .WithTraceProperty("reversescale", true)
            .WithTraceProperty("showscale", false)
            .WithTraceProperty("hoverinfo", "skip");
        var styled = chart.Styled(title, width: Math.Min(1000, 60 + columns * tileW * 3), height: 80 + rows * tileH * 3);
        var layout = styled.GetLayout();
        layout.SetProperty("annotations", annotations);
        layout.SetProperty("plot_bgcolor", "white");
        var hidden = new[] { ("showgrid", (object)false), ("zeroline", false), ("showticklabels", false), ("ticks", "") };
        foreach (var (name, value) in hidden) { Axis(layout, "xaxis").SetProperty(name, value); Axis(layout, "yaxis").SetProperty(name, value); }
        Axis(layout, "yaxis").SetProperty("autorange", "reversed");
        Axis(layout, "yaxis").SetProperty("scaleanchor", "x");
        return styled;
    }

    private static double[][] ImagesToArray(Tensor images, int max, out int count, out int height, out int width)
    {
        using var scope = NewDisposeScope();
        var t = images.detach().cpu();
        if (t.dim() == 4 && t.shape[1] == 1) t = t.squeeze(1);
        if (t.dim() != 3)
            throw new ArgumentException($"Expected images [N, 1, H, W] or [N, H, W]; got [{string.Join(", ", images.shape)}].", nameof(images));
        count = (int)Math.Min(t.shape[0], max);
        if (count == 0) throw new ArgumentException("No images to show.", nameof(images));
        height = (int)t.shape[1];
        width = (int)t.shape[2];
        var flat = t.narrow(0, 0, count).to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        int size = height * width;
        return Enumerable.Range(0, count).Select(i => flat.AsSpan(i * size, size).ToArray()).ToArray();
    }

    private static long[] Longs(Tensor t, int count)
    {
        using var scope = NewDisposeScope();
        var values = t.detach().cpu();
        if (values.dim() == 2) values = values.argmax(1);
        if (values.shape[0] < count) throw new ArgumentException($"Need a label for each of the {count} images shown; got {values.shape[0]}.", nameof(t));
        return values.narrow(0, 0, count).to_type(ScalarType.Int64).data<long>().ToArray();
    }
}
