using System.Reflection;
using Course.Hosting;
using Course.Notebooks.Execution;
using Plotly.NET;

namespace Course.Notebooks.Formatting;

/// <summary>
/// Plotly.NET charts as <c>application/vnd.plotly.v1+json</c> ({data, layout, config}) and as HTML that renders
/// offline: plotly.js (embedded in Plotly.NET) is sent once per notebook session, in its own output before the first
/// chart, and every chart waits for <c>window.Plotly</c>, so the order in which outputs load does not matter.
/// A separate output keeps plotly.js on the page when a chart's display is later updated in place.
/// </summary>
internal static class PlotlyFormatter
{
    /// <summary>The session resource name claimed by the first chart.</summary>
    public const string PlotlyJs = "plotly.js";

    private static readonly Lazy<string> Library = new(ReadLibrary);

    public static MimeBundle Format(GenericChart chart)
    {
        var json = GenericChart.toJson(chart);
        var html = ChartHtml(json);
        var session = CellContext.Session;
        var output = CellContext.Output;
        if (session is null || output is null) html = LoaderHtml() + html;
        else if (session.ClaimFirstUse(PlotlyJs)) output.Display(LoaderBundle(), displayId: null, update: false);
        var traces = GenericChart.countTrace(chart);
        return new MimeBundle(new Dictionary<string, string>
        {
            ["text/plain"] = $"Plotly chart ({traces} trace{(traces == 1 ? "" : "s")})",
            ["text/html"] = html,
            ["application/vnd.plotly.v1+json"] = json,
        });
    }

    private static MimeBundle LoaderBundle() => new(new Dictionary<string, string>
    {
        ["text/plain"] = "(plotly.js for the charts of this notebook)",
        ["text/html"] = LoaderHtml(),
    });

    // Run with define/module/exports hidden so the bundle sets window.Plotly even where require.js is on the page
    // (classic Jupyter), instead of registering an AMD module.
    private static string LoaderHtml() =>
        "<script type=\"text/javascript\">if (!window.Plotly) { (function (define, module, exports) {\n" +
        Library.Value + "\n}).call(window); }</script>\n";

    private static string ChartHtml(string json)
    {
        var id = "plotly-" + Guid.NewGuid().ToString("N");
        var figure = json.Replace("</", "<\\/", StringComparison.Ordinal);
        return $$"""
            <div id="{{id}}"></div>
            <script type="text/javascript">
            (function () {
              var figure = {{figure}};
              var tries = 0;
              function render() {
                var element = document.getElementById("{{id}}");
                if (window.Plotly && element) { window.Plotly.newPlot(element, figure.data, figure.layout, figure.config); return; }
                if (++tries > 400) {
                  if (element) element.textContent = "plotly.js is not on this page: run the cell with the notebook's first chart again.";
                  return;
                }
                setTimeout(render, 50);
              }
              render();
            })();
            </script>
            """;
    }

    private static string ReadLibrary()
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames()
            .Single(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
