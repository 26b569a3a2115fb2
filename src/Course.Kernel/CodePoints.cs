namespace Course.Kernel;

/// <summary>
/// Cursor positions between Jupyter's unit (Unicode code points, messaging protocol 5.2 and later) and .NET's
/// (UTF-16 code units): they differ after any character outside the Basic Multilingual Plane, such as an emoji.
/// </summary>
internal static class CodePoints
{
    /// <summary>How many code points <paramref name="text"/> has.</summary>
    public static int Count(string text) => FromUtf16(text, text.Length);

    /// <summary>The UTF-16 offset of code point <paramref name="codePoint"/> (0 … <see cref="Count"/>).</summary>
    public static int ToUtf16(string text, int codePoint)
    {
        var index = 0;
        for (var seen = 0; seen < codePoint && index < text.Length; seen++)
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        return index;
    }

    /// <summary>The code point count of the first <paramref name="utf16"/> UTF-16 units.</summary>
    public static int FromUtf16(string text, int utf16)
    {
        var count = 0;
        for (var index = 0; index < utf16 && index < text.Length; count++)
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        return count;
    }
}
