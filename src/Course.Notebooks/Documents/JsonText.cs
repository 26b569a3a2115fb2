using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Course.Notebooks.Documents;

/// <summary>
/// Writes JSON the way nbformat (Python's json.dumps with indent, ensure_ascii=False) and VS Code
/// (JSON.stringify with indent) do, so a notebook they wrote and we rewrote differs only where content changed.
/// System.Text.Json cannot produce that layout (it escapes non-ASCII and always indents by two).
/// </summary>
internal static class JsonText
{
    public static string Write(JsonNode? node, int indent)
    {
        var text = new StringBuilder();
        Write(text, node, indent, 0);
        return text.ToString();
    }

    private static void Write(StringBuilder text, JsonNode? node, int indent, int depth)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                WriteContainer(text, '{', '}', obj, indent, depth, (pair, d) =>
                {
                    WriteString(text, pair.Key);
                    text.Append(": ");
                    Write(text, pair.Value, indent, d);
                });
                break;
            case JsonArray array:
                WriteContainer(text, '[', ']', array, indent, depth, (item, d) => Write(text, item, indent, d));
                break;
            case JsonValue value when value.TryGetValue<string>(out var s):
                WriteString(text, s);
                break;
            default:
                text.Append(node.ToJsonString());
                break;
        }
    }

    private static void WriteContainer<T>(StringBuilder text, char open, char close, ICollection<T> items, int indent, int depth, Action<T, int> writeItem)
    {
        if (items.Count == 0)
        {
            text.Append(open).Append(close);
            return;
        }
        text.Append(open);
        var first = true;
        foreach (var item in items)
        {
            text.Append(first ? "\n" : ",\n").Append(' ', indent * (depth + 1));
            writeItem(item, depth + 1);
            first = false;
        }
        text.Append('\n').Append(' ', indent * depth).Append(close);
    }

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case < ' ': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }
        text.Append('"');
    }
}
