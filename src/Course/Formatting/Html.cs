namespace Course.Formatting;

/// <summary>HTML escaping that keeps non-ASCII text (±, β, →) readable in the notebook's stored output.</summary>
public static class Html
{
    /// <summary>Escapes the characters that are markup in HTML text and attribute values.</summary>
    public static string Encode(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
