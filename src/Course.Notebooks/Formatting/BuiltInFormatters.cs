using System.Collections;
using System.Globalization;
using Plotly.NET;

namespace Course.Notebooks.Formatting;

/// <summary>The formatters the engine brings: numbers and text, sequences as tables, Plotly charts, PNG images.</summary>
internal static class BuiltInFormatters
{
    public static void Register()
    {
        Formatter.Register<bool>(b => MimeBundle.Text(b ? "true" : "false"));
        Formatter.Register<string>(MimeBundle.Text);
        Formatter.Register<double>(d => Invariant(d));
        Formatter.Register<float>(f => Invariant(f));
        Formatter.Register<decimal>(m => Invariant(m));
        Formatter.Register<Half>(h => Invariant(h));
        Formatter.Register<IEnumerable>(TableFormatter.Format);
        Formatter.Register<byte[]>(bytes => PngImage.IsPng(bytes)
            ? new PngImage(bytes).ToBundle()
            : MimeBundle.Text($"byte[{bytes.Length}]"));
        Formatter.Register<PngImage>(image => image.ToBundle());
        Formatter.Register<GenericChart>(PlotlyFormatter.Format);
    }

    private static MimeBundle Invariant(IFormattable value) => MimeBundle.Text(value.ToString(null, CultureInfo.InvariantCulture));
}
