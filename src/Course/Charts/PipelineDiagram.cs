using System.Globalization;
using System.Text;
using Course.Formatting;
using Course.Hosting;

namespace Course.Charts;

/// <summary>One box of a pipeline diagram: a stage name and a short note under it (e.g. what was measured there).</summary>
public sealed record PipelineStage(string Name, string Note = "");

/// <summary>
/// The training pipeline drawn as boxes and arrows in inline SVG, so it shows offline in Jupyter and VS Code and
/// needs no image file. The last stage feeds back into the model with a dashed "update" arrow when asked.
/// </summary>
public static class PipelineDiagram
{
    private const int BoxWidth = 150, BoxHeight = 92, Gap = 34, Margin = 12, FeedbackRoom = 44;

    /// <summary>The course's default pipeline: data → preprocessing → model → loss → optimizer → evaluation.</summary>
    public static IReadOnlyList<PipelineStage> Training { get; } =
    [
        new("data", "examples + labels"),
        new("preprocessing", "scale, normalise"),
        new("model", "prediction"),
        new("loss", "how wrong"),
        new("optimizer", "update weights"),
        new("evaluation", "held-out data"),
    ];

    /// <summary>
    /// Draws <paramref name="stages"/> left to right. <paramref name="feedbackFrom"/>/<paramref name="feedbackTo"/>
    /// name two stages joined by a dashed arrow underneath (the optimizer updating the model); null for none.
    /// Notes may hold several lines separated by '\n'.
    /// </summary>
    public static MimeBundle Render(IReadOnlyList<PipelineStage>? stages = null, string? feedbackFrom = "optimizer", string? feedbackTo = "model")
    {
        stages ??= Training;
        if (stages.Count == 0) throw new ArgumentException("A pipeline needs at least one stage.", nameof(stages));
        int from = IndexOf(stages, feedbackFrom), to = IndexOf(stages, feedbackTo);
        bool feedback = from >= 0 && to >= 0 && from != to;
        int width = 2 * Margin + stages.Count * BoxWidth + (stages.Count - 1) * Gap;
        int height = 2 * Margin + BoxHeight + (feedback ? FeedbackRoom : 0);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" role=\"img\" aria-label=\"{Html.Encode(Text(stages))}\">");
        svg.Append("<defs><marker id=\"course-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>");
        for (int i = 0; i < stages.Count; i++)
        {
            int x = Left(i);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{Margin}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"10\" fill=\"{Fill(i)}\" stroke=\"#555\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + BoxWidth / 2}\" y=\"{Margin + 24}\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">{Html.Encode(stages[i].Name)}</text>");
            var lines = stages[i].Note.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            for (int k = 0; k < lines.Length; k++)
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + BoxWidth / 2}\" y=\"{Margin + 46 + 15 * k}\" text-anchor=\"middle\" font-size=\"11.5\" fill=\"#333\">{Html.Encode(lines[k])}</text>");
            if (i < stages.Count - 1)
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x + BoxWidth}\" y1=\"{Margin + BoxHeight / 2}\" x2=\"{x + BoxWidth + Gap - 2}\" y2=\"{Margin + BoxHeight / 2}\" stroke=\"#555\" stroke-width=\"2\" marker-end=\"url(#course-arrow)\"/>");
        }
        if (feedback)
        {
            int x1 = Left(from) + BoxWidth / 2, x2 = Left(to) + BoxWidth / 2, top = Margin + BoxHeight, bottom = top + FeedbackRoom - 14;
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{x1},{top} L{x1},{bottom} L{x2},{bottom} L{x2},{top + 2}\" fill=\"none\" stroke=\"#555\" stroke-width=\"2\" stroke-dasharray=\"6 4\" marker-end=\"url(#course-arrow)\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(x1 + x2) / 2}\" y=\"{bottom + 12}\" text-anchor=\"middle\" font-size=\"11.5\" fill=\"#333\">update, repeat every batch</text>");
        }
        svg.Append("</svg>");
        return new MimeBundle(new Dictionary<string, string> { ["text/plain"] = Text(stages), ["text/html"] = svg.ToString() });
    }

    private static int Left(int index) => Margin + index * (BoxWidth + Gap);

    private static string Fill(int index) => ChartsPalette[index % ChartsPalette.Length];

    // Pale tints so the black text stays readable.
    private static readonly string[] ChartsPalette = ["#e3f2fd", "#e8f5e9", "#fff3e0", "#fce4ec", "#ede7f6", "#e0f7fa"];

    private static int IndexOf(IReadOnlyList<PipelineStage> stages, string? name) =>
        name is null ? -1 : stages.Select((s, i) => (s, i)).FirstOrDefault(p => p.s.Name == name, (null!, -1)).Item2;

    private static string Text(IReadOnlyList<PipelineStage> stages) =>
        string.Join(" → ", stages.Select(s => string.IsNullOrEmpty(s.Note) ? s.Name : $"{s.Name} ({s.Note.Replace('\n', ' ')})"));
}
