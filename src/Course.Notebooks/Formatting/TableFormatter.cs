using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using Course.Hosting;

namespace Course.Notebooks.Formatting;

/// <summary>
/// Sequences as a table: one "value" column for simple items (numbers, strings, …), one column per public
/// property for records and other objects. At most <see cref="MaxRows"/> rows are shown, with the number left out.
/// </summary>
internal static class TableFormatter
{
    /// <summary>Rows shown before the rest is summarised.</summary>
    public const int MaxRows = 20;

    // Sequences that are not collections are counted only this far (they may be endless).
    private const int MaxCounted = 10_000;

    public static MimeBundle Format(IEnumerable items)
    {
        var (rows, total, exact) = Take(items);
        var columns = Columns(rows);
        var omitted = total - rows.Count;
        var more = omitted == 0 ? "" : exact ? $"{omitted} more" : $"more than {omitted} more";
        var plain = "[" + string.Join(", ", rows.Select(Text)) + (omitted == 0 ? "" : $", … ({more})") + "]";

        var html = new StringBuilder("<table><thead><tr><th><i>index</i></th>");
        foreach (var column in columns) html.Append("<th>").Append(Escape(column.Name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        for (var i = 0; i < rows.Count; i++)
        {
            html.Append("<tr><td><i>").Append(i).Append("</i></td>");
            foreach (var column in columns) html.Append("<td>").Append(Escape(Text(column.Value(rows[i])))).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        if (omitted > 0) html.Append("<p><i>(").Append(more).Append(" rows not shown)</i></p>");
        return new MimeBundle(new Dictionary<string, string> { ["text/plain"] = plain, ["text/html"] = html.ToString() });
    }

    private static (List<object?> Rows, int Total, bool Exact) Take(IEnumerable items)
    {
        var rows = new List<object?>();
        var total = 0;
        foreach (var item in items)
        {
            if (rows.Count < MaxRows) rows.Add(item);
            if (++total >= MaxCounted && items is not ICollection) return (rows, total, false);
            if (rows.Count == MaxRows && items is ICollection collection) return (rows, collection.Count, true);
        }
        return (rows, total, true);
    }

    private sealed record Column(string Name, Func<object?, object?> Value);

    private static List<Column> Columns(List<object?> rows)
    {
        var type = rows.FirstOrDefault(r => r is not null)?.GetType();
        if (type is null || IsSimple(type) || rows.Any(r => r is not null && r.GetType() != type))
            return [new Column("value", r => r)];
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .ToList();
        return properties.Count == 0
            ? [new Column("value", r => r)]
            : properties.Select(p => new Column(p.Name, r => r is null ? null : p.GetValue(r))).ToList();
    }

    /// <summary>Types shown as a single value rather than broken into properties.</summary>
    public static bool IsSimple(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime) ||
        type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Guid) || type == typeof(Half);

    private static string Text(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
