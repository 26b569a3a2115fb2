using System.Net;
using Course.Hosting;
using Microsoft.DotNet.Interactive.Formatting;
using InteractiveFormatter = Microsoft.DotNet.Interactive.Formatting.Formatter;
using CourseFormatter = Course.Hosting.Formatter;

namespace Course.Interactive;

/// <summary>
/// Hands the course's formatters to .NET Interactive's: every type with a course formatter (charts, tables, tensors,
/// exercise checks, PNG images, sequences) is shown there as the course shows it, as HTML plus plain text. Numbers,
/// strings and booleans keep .NET Interactive's own formatting.
/// </summary>
internal static class FormatterBridge
{
    private static readonly HashSet<Type> KeptByInteractive = [typeof(string), typeof(bool), typeof(double), typeof(float), typeof(decimal), typeof(Half)];
    private static readonly HashSet<Type> Bridged = [];

    /// <summary>Registers every course formatter known now with .NET Interactive (types already handed over are skipped).</summary>
    public static void RegisterAll()
    {
        lock (Bridged)
        {
            foreach (var type in CourseFormatter.RegisteredTypes.Where(t => !KeptByInteractive.Contains(t) && Bridged.Add(t)))
            {
                InteractiveFormatter.Register(type, (value, writer) => writer.Write(Html(CourseFormatter.Format(value))), HtmlFormatter.MimeType);
                InteractiveFormatter.Register(type, (value, writer) => writer.Write(CourseFormatter.Format(value).PlainText), PlainTextFormatter.MimeType);
                InteractiveFormatter.SetPreferredMimeTypesFor(type, HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
            }
        }
    }

    /// <summary>A course bundle as .NET Interactive values: its HTML (or an image or text made HTML) and its plain text.</summary>
    public static IReadOnlyCollection<FormattedValue> FormattedValues(MimeBundle bundle) =>
    [
        new FormattedValue(HtmlFormatter.MimeType, Html(bundle)),
        new FormattedValue(PlainTextFormatter.MimeType, bundle.PlainText),
    ];

    /// <summary>The bundle as HTML: its own, else its PNG as an inline image, else its text.</summary>
    public static string Html(MimeBundle bundle) =>
        bundle.Data.TryGetValue("text/html", out var html) ? html
        : bundle.Data.TryGetValue("image/png", out var png) ? $"<img src=\"data:image/png;base64,{png}\" alt=\"{WebUtility.HtmlEncode(bundle.PlainText)}\" />"
        : $"<pre>{WebUtility.HtmlEncode(bundle.PlainText)}</pre>";
}
