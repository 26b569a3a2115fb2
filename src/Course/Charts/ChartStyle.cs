using DynamicObj;
using Plotly.NET;
using Plotly.NET.CSharp;

namespace Course.Charts;

/// <summary>
/// Small helpers that set plotly.js attributes directly on a chart's traces and layout. Plotly.NET's C# facade
/// does not expose titles, error bars or annotations without long F#-style argument lists; the attributes
/// themselves are plain plotly.js JSON, so we set them by name.
/// </summary>
internal static class ChartStyle
{
    /// <summary>A plotly.js JSON object with the given properties.</summary>
    public static DynamicObj.DynamicObj Obj(params (string Name, object Value)[] properties)
    {
        var obj = new DynamicObj.DynamicObj();
        foreach (var (name, value) in properties) obj.SetProperty(name, value);
        return obj;
    }

    /// <summary>Sets a property on every trace of the chart (charts built here have their own trace objects).</summary>
    public static GenericChart WithTraceProperty(this GenericChart chart, string name, object value)
    {
        foreach (var trace in chart.GetTraces()) trace.SetProperty(name, value);
        return chart;
    }

    /// <summary>Title, axis titles and size; axis objects already on the layout are kept and extended.</summary>
    public static GenericChart Styled(this GenericChart chart, string? title, string? xTitle = null, string? yTitle = null, int width = 800, int height = 420)
    {
        var layout = chart.GetLayout();
        if (title is not null) layout.SetProperty("title", Obj(("text", title)));
        if (xTitle is not null) Axis(layout, "xaxis").SetProperty("title", Obj(("text", xTitle)));
        if (yTitle is not null) Axis(layout, "yaxis").SetProperty("title", Obj(("text", yTitle)));
        layout.SetProperty("width", width);
        layout.SetProperty("height", height);
        return chart;
    }

    /// <summary>The layout's axis object of that name (e.g. "xaxis2"), created if missing.</summary>
    public static DynamicObj.DynamicObj Axis(DynamicObj.DynamicObj layout, string name)
    {
        if (layout.TryGetPropertyValue(name) is { } existing && existing.Value is DynamicObj.DynamicObj axis) return axis;
        var created = new DynamicObj.DynamicObj();
        layout.SetProperty(name, created);
        return created;
    }

    /// <summary>Colours used consistently across the course's charts (plotly's default palette, named).</summary>
    public static class Colors
    {
        public const string Blue = "#636efa", Red = "#ef553b", Green = "#00cc96", Purple = "#ab63fa", Orange = "#ffa15a", Grey = "#9e9e9e";
        public static readonly string[] Cycle = [Blue, Red, Green, Purple, Orange, "#19d3f3", "#ff6692", "#b6e880"];
    }
}
