using System.Text;
using System.Text.RegularExpressions;

namespace Course.Cli.Book;

/// <summary>One formula found in markdown: its TeX and whether it was <c>$$…$$</c> (display) or <c>$…$</c> (inline).</summary>
internal sealed record Formula(string Tex, bool Display);

/// <summary>
/// Takes the formulas out of markdown before it is converted, as Jupyter does, and puts them back after. Converting
/// first would let markdown read TeX as markup (<c>_</c> and <c>*</c> as emphasis, <c>{MSE}</c> as an attribute) and
/// would miss the <c>$$…$$</c> formulas that start in the middle of a paragraph or span several lines, which Jupyter
/// shows and the course uses. Code spans and fenced code blocks are left alone; <c>\$</c> is a dollar sign.
/// An inline <c>$…$</c> follows pandoc's rule, so prices stay text: no space after the opening dollar, none before
/// the closing one, no digit right after it, and no blank line inside.
/// </summary>
internal static partial class MarkdownMath
{
    // Private-use characters: markdown passes them through untouched and no notebook text contains them.
    private const char Open = '\uE000', Close = '\uE001';

    /// <summary>The markdown with each formula replaced by a marker, and the formulas in order.</summary>
    public static (string Markdown, IReadOnlyList<Formula> Formulas) Extract(string markdown)
    {
        var formulas = new List<Formula>();
        return (Scan(markdown, formulas), formulas);
    }

    /// <summary>
    /// Replaces the markers in converted HTML with <paramref name="render"/>'s HTML for each formula. A marker that
    /// markdown put inside a tag (an image's alt text, a link's title) gets the TeX as text: markup is not allowed there.
    /// </summary>
    public static string Restore(string html, IReadOnlyList<Formula> formulas, Func<Formula, string> render)
    {
        if (formulas.Count == 0) return html;
        Formula At(Match m) => formulas[int.Parse(m.Groups[1].Value)];
        var inTags = Tag().Replace(html, tag => Marker().Replace(tag.Value, m => System.Net.WebUtility.HtmlEncode(Delimited(At(m)))));
        return Marker().Replace(inTags, m => render(At(m)));
    }

    /// <summary>The formula as its author wrote it, with its dollar signs.</summary>
    public static string Delimited(Formula formula) => formula.Display ? $"$${formula.Tex}$$" : $"${formula.Tex}$";

    private static string Scan(string markdown, List<Formula> formulas)
    {
        var output = new StringBuilder(markdown.Length);
        var i = 0;
        var lineStart = true;
        var fenced = false;
        while (i < markdown.Length)
        {
            if (lineStart)
            {
                var end = markdown.IndexOf('\n', i);
                var line = end < 0 ? markdown[i..] : markdown[i..(end + 1)];
                if (IsFence(line) || fenced)
                {
                    if (IsFence(line)) fenced = !fenced;
                    output.Append(line);
                    i += line.Length;
                    continue;
                }
            }
            var c = markdown[i];
            lineStart = c == '\n';
            if (c == '\\' && i + 1 < markdown.Length)
            {
                output.Append(c).Append(markdown[i + 1]); // \$ stays a dollar for markdown to print
                i += 2;
                continue;
            }
            if (c == '`')
            {
                var end = CodeSpanEnd(markdown, i);
                output.Append(markdown, i, end - i);
                i = end;
                continue;
            }
            if (c == '$' && TryFormula(markdown, i, out var formula, out var length))
            {
                output.Append(Open).Append(formulas.Count).Append(Close);
                formulas.Add(formula);
                i += length;
                continue;
            }
            output.Append(c);
            i++;
        }
        return output.ToString();
    }

    private static bool TryFormula(string text, int start, out Formula formula, out int length)
    {
        formula = null!;
        length = 0;
        var display = start + 1 < text.Length && text[start + 1] == '$';
        var delimiter = display ? 2 : 1;
        var close = FindClosing(text, start + delimiter, display);
        if (close < 0) return false;
        var tex = text[(start + delimiter)..close];
        if (tex.Trim().Length == 0) return false;
        if (!display && (char.IsWhiteSpace(tex[0]) || char.IsWhiteSpace(tex[^1]) ||
                         (close + 1 < text.Length && char.IsAsciiDigit(text[close + 1])))) return false;
        formula = new Formula(display ? tex.Trim() : tex, display);
        length = close + delimiter - start;
        return true;
    }

    // The next unescaped $ (or $$) outside code spans; an inline formula ends at a blank line, as a paragraph does.
    private static int FindClosing(string text, int from, bool display)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '\\') { i++; continue; }
            if (text[i] == '`')
            {
                var end = CodeSpanEnd(text, i);
                if (end > i + 1) { i = end - 1; continue; }
            }
            if (!display && text[i] == '\n' && BlankLineFollows(text, i)) return -1;
            if (text[i] != '$') continue;
            if (!display) return i;
            if (i + 1 < text.Length && text[i + 1] == '$') return i;
        }
        return -1;
    }

    private static bool BlankLineFollows(string text, int newline)
    {
        for (var i = newline + 1; i < text.Length && text[i] != '\n'; i++)
            if (!char.IsWhiteSpace(text[i])) return false;
        return true;
    }

    // Where the code span opened by the backticks at start ends; without a closing run, just past the backticks.
    private static int CodeSpanEnd(string text, int start)
    {
        var run = RunLength(text, start, '`');
        var close = text.IndexOf(new string('`', run), start + run, StringComparison.Ordinal);
        return close < 0 ? start + run : close + run;
    }

    private static int RunLength(string text, int start, char c)
    {
        var end = start;
        while (end < text.Length && text[end] == c) end++;
        return end - start;
    }

    private static bool IsFence(string line)
    {
        var trimmed = line.TrimStart(' ');
        return line.Length - trimmed.Length < 4 && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal));
    }

    [GeneratedRegex("\uE000([0-9]+)\uE001")]
    private static partial Regex Marker();

    [GeneratedRegex("<[^<>]*>")]
    private static partial Regex Tag();
}
