using System.Text.Json;
using Plotly.NET;

namespace Course.Tests.Charts;

/// <summary>Reads a chart the way plotly.js will: as its serialised JSON.</summary>
internal static class ChartJson
{
    public static JsonElement Parse(GenericChart chart) => JsonDocument.Parse(GenericChart.toJson(chart)).RootElement;

    public static JsonElement[] Traces(GenericChart chart) => Parse(chart).GetProperty("data").EnumerateArray().ToArray();

    public static JsonElement Layout(GenericChart chart) => Parse(chart).GetProperty("layout");

    public static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
