using Course.Hosting;
using Course.Notebooks.Execution;
using Course.Notebooks.Formatting;
using Course.Notebooks.Tests.Execution;
using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;

namespace Course.Notebooks.Tests.Formatting;

public class FormatterTests
{
    private const string PlotlyMime = "application/vnd.plotly.v1+json";

    // A line the minified plotly.js bundle carries once; counting it counts copies of the library.
    private const string PlotlyLibraryMarker = "For license information please see plotly.min.js.LICENSE.txt";

    private record Run(int Epoch, double Loss);

    private record LibraryFirst(int Value);

    private record HostFirst(int Value);

    // The engine registers its formatters at start-up; these tests format without making an engine first.
    public FormatterTests() => BuiltInFormatters.Register();

    [Fact]
    public void A_library_formatter_wins_over_a_host_default_whichever_registers_first()
    {
        Formatter.Register<LibraryFirst>(_ => MimeBundle.Text("library"));
        Formatter.RegisterDefault<LibraryFirst>(_ => MimeBundle.Text("host"));
        Formatter.RegisterDefault<HostFirst>(_ => MimeBundle.Text("host"));
        Assert.Equal("host", Formatter.Format(new HostFirst(1)).PlainText);
        Formatter.Register<HostFirst>(_ => MimeBundle.Text("library"));
        Formatter.RegisterDefault<HostFirst>(_ => MimeBundle.Text("host again"));

        Assert.Equal("library", Formatter.Format(new LibraryFirst(1)).PlainText);
        Assert.Equal("library", Formatter.Format(new HostFirst(1)).PlainText);
    }

    [Fact]
    public void Primitives_and_strings_are_plain_text()
    {
        Assert.Equal("true", Formatter.Format(true).PlainText);
        Assert.Equal("0.1", Formatter.Format(0.1).PlainText);
        Assert.Equal("2.5", Formatter.Format(2.5f).PlainText);
        Assert.Equal("42", Formatter.Format(42).PlainText);
        Assert.Equal("hello", Formatter.Format("hello").PlainText);
        Assert.Equal(["text/plain"], Formatter.Format("hello").Data.Keys);
        Assert.Equal("null", Formatter.Format(null).PlainText);
    }

    [Fact]
    public void A_list_of_numbers_is_a_table_with_a_value_column()
    {
        var bundle = Formatter.Format(new List<int> { 3, 1, 4 });
        Assert.Equal("[3, 1, 4]", bundle.PlainText);
        var html = bundle.Data["text/html"];
        Assert.Contains("<th>value</th>", html);
        Assert.Contains("<td>4</td>", html);
        Assert.DoesNotContain("not shown", html);
    }

    [Fact]
    public void Records_get_one_column_per_property_and_long_sequences_say_how_many_rows_were_left_out()
    {
        var runs = Enumerable.Range(1, 25).Select(i => new Run(i, 1.0 / i)).ToArray();
        var html = Formatter.Format(runs).Data["text/html"];
        Assert.Contains("<th>Epoch</th><th>Loss</th>", html);
        Assert.Contains("<td>20</td><td>0.05</td>", html);
        Assert.DoesNotContain("<td>21</td>", html);
        Assert.Contains("5 more rows not shown", html);
        Assert.Equal(TableFormatter.MaxRows, html.Split("<tr>").Length - 2);
    }

    [Fact]
    public void An_endless_sequence_is_cut_off_and_says_so()
    {
        var bundle = Formatter.Format(Enumerable.Range(0, int.MaxValue));
        Assert.Contains("more than", bundle.Data["text/html"]);
    }

    [Fact]
    public void Png_bytes_are_an_image()
    {
        // 1×1 transparent PNG
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        var bundle = Formatter.Format(png);
        Assert.Equal(Convert.ToBase64String(png), bundle.Data["image/png"]);
        Assert.Equal("PNG image 1×1", bundle.PlainText);
        Assert.Equal(bundle.Data, Formatter.Format(new PngImage(png)).Data);
        Assert.Equal("byte[3]", Formatter.Format(new byte[] { 1, 2, 3 }).PlainText);
    }

    [Fact]
    public void A_registered_formatter_wins_over_the_built_in_one()
    {
        Formatter.Register<Run>(r => MimeBundle.Text($"epoch {r.Epoch}"));
        Assert.Equal("epoch 3", Formatter.Format(new Run(3, 0.5)).PlainText);
    }

    [Fact]
    public void A_chart_outside_a_notebook_carries_plotly_js_and_its_json()
    {
        var bundle = Formatter.Format(Chart.Line<int, double, string>(x: [1, 2, 3], y: [0.5, 0.3, 0.2]));
        Assert.Equal(1, Count(bundle.Data["text/html"], PlotlyLibraryMarker));
        Assert.Contains("\"data\"", bundle.Data[PlotlyMime]);
        Assert.Contains("\"layout\"", bundle.Data[PlotlyMime]);
        Assert.Contains("\"config\"", bundle.Data[PlotlyMime]);
        Assert.Equal("Plotly chart (1 trace)", bundle.PlainText);
    }

    [Fact]
    public async Task Charts_in_a_session_send_plotly_js_exactly_once_and_each_carries_its_data()
    {
        using var engine = new ScriptEngine(new EngineOptions
        {
            References = [typeof(GenericChart).Assembly, typeof(Chart).Assembly],
            Imports = ["System", "Plotly.NET.CSharp"],
        });
        var sink = new RecordingSink();
        var first = await engine.Run("display(Chart.Line<int, double, string>(x: new[] { 1, 2 }, y: new[] { 0.9, 0.4 }));", sink);
        var second = await engine.Run("Chart.Point<int, double, string>(x: new[] { 1, 2 }, y: new[] { 0.123, 0.456 })", sink);
        Assert.Equal(CellStatus.Ok, first.Status);
        Assert.Equal(CellStatus.Ok, second.Status);

        var htmls = sink.Displays.Select(d => d.Bundle).Append(second.Value!).Select(b => b.Data.GetValueOrDefault("text/html") ?? "").ToList();
        Assert.Equal(1, htmls.Sum(h => Count(h, PlotlyLibraryMarker)));
        Assert.Contains(PlotlyLibraryMarker, htmls[0]); // the library comes before the first chart
        Assert.Contains("0.456", second.Value!.Data[PlotlyMime]);
        Assert.Contains("window.Plotly", second.Value.Data["text/html"]);
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;
}
