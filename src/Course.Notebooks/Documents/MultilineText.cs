using System.Text.Json.Nodes;

namespace Course.Notebooks.Documents;

/// <summary>nbformat's "multiline string": either one string or a list of lines that each keep their '\n'.</summary>
internal static class MultilineText
{
    public static string Read(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => "",
    };

    public static JsonArray ToLines(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..end]);
            start = end;
        }
        return lines;
    }
}
