using System.Collections;
using System.Globalization;
using Course.Hosting;
using Plotly.NET;

namespace Course.Notebooks.Formatting;

/// <summary>
/// The formatters the engine brings: numbers and text, sequences as tables, Plotly charts, PNG images. They are host
/// defaults in the contract's registry (<see cref="Formatter.RegisterDefault{T}"/>), added when the first engine is
/// made, so a program that uses the course library without the engine never loads Plotly's formatter.
/// </summary>
internal static class BuiltInFormatters
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        RegisterAll();
        return true;
    });

    /// <summary>Registers the built-ins once per process; later calls do nothing.</summary>
    public static void Register() => _ = Registered.Value;

    private static void RegisterAll()
    {
        Formatter.RegisterDefault<bool>(b => MimeBundle.Text(b ? "true" : "false"));
        Formatter.RegisterDefault<string>(MimeBundle.Text);
        Formatter.RegisterDefault<double>(d => Invariant(d));
        Formatter.RegisterDefault<float>(f => Invariant(f));
        Formatter.RegisterDefault<decimal>(m => Invariant(m));
        Formatter.RegisterDefault<Half>(h => Invariant(h));
        Formatter.RegisterDefault<IEnumerable>(TableFormatter.Format);
        Formatter.RegisterDefault<byte[]>(bytes => PngImage.IsPng(bytes)
            ? new PngImage(bytes).ToBundle()
            : MimeBundle.Text($"byte[{bytes.Length}]"));
        Formatter.RegisterDefault<PngImage>(image => image.ToBundle());
        Formatter.RegisterDefault<GenericChart>(PlotlyFormatter.Format);
    }

    private static MimeBundle Invariant(IFormattable value) => MimeBundle.Text(value.ToString(null, CultureInfo.InvariantCulture));
}
