using Course.Cli.Book;

namespace Course.Cli.Tests.Workshop;

/// <summary>Which `$` start a formula in notebook markdown, and what markdown conversion must not touch.</summary>
public sealed class MarkdownMathTests
{
    private static List<Formula> Formulas(string markdown) => [.. MarkdownMath.Extract(markdown).Formulas];

    [Fact]
    public void Inline_and_display_formulas_are_found_with_their_tex_intact()
    {
        var found = Formulas("With $r_i = \\hat y_i - y_i$:\n\n$$\\text{MSE} = \\frac{1}{n}\\sum_{i=1}^{n} r_i^2$$\n");
        Assert.Equal([new Formula("r_i = \\hat y_i - y_i", false), new Formula("\\text{MSE} = \\frac{1}{n}\\sum_{i=1}^{n} r_i^2", true)], found);
    }

    [Fact]
    public void A_display_formula_may_start_inside_a_paragraph_and_span_lines()
    {
        var found = Formulas("the gradients are\n$$\\frac{a}{b} \\qquad\n\\frac{c}{d}$$\nso the factor matters.");
        Assert.Equal([new Formula("\\frac{a}{b} \\qquad\n\\frac{c}{d}", true)], found);
    }

    [Fact]
    public void Prices_escaped_dollars_and_code_are_not_math()
    {
        Assert.Empty(Formulas("It costs $5 and $10."));
        Assert.Empty(Formulas("Between $ 1 $ spaces"));
        Assert.Empty(Formulas("A literal \\$x\\$ here."));
        Assert.Empty(Formulas("In code `$x$` and ``a $b$ c``."));
        Assert.Empty(Formulas("```csharp\nvar s = $\"{x}$\";\n```\n"));
        Assert.Empty(Formulas("An open $x\n\nand a new paragraph $"));
        Assert.Equal([new Formula("y", false)], Formulas("Costs $10 and `$x$` then $y$"));
    }

    [Fact]
    public void Markers_survive_markdown_conversion_and_are_replaced_in_order()
    {
        var (text, formulas) = MarkdownMath.Extract("*Emphasis* then $a_1 * b_2$ and | $x$ |");
        Assert.DoesNotContain("a_1", text);
        var html = Markdig.Markdown.ToHtml(text);
        var restored = MarkdownMath.Restore(html, formulas, f => $"[{f.Tex}]");
        Assert.Contains("<em>Emphasis</em> then [a_1 * b_2] and | [x] |", restored);
    }

    [Fact]
    public void A_formula_inside_an_attribute_comes_back_as_text_not_markup()
    {
        var (text, formulas) = MarkdownMath.Extract("![curve of $e^x$](curve.png) shows $e^x$.");
        var restored = MarkdownMath.Restore(Markdig.Markdown.ToHtml(text), formulas, f => $"<b>{f.Tex}</b>");
        Assert.Contains("alt=\"curve of $e^x$\"", restored);
        Assert.Contains("shows <b>e^x</b>.", restored);
    }
}
