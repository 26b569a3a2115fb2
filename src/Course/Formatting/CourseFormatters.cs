using Course.Exercises;
using Course.Experiments;
using Course.Hosting;
using Course.Metrics;
using static TorchSharp.torch;

namespace Course.Formatting;

/// <summary>
/// Registers how the course's types look in a notebook: tensors, result tables, confusion matrices, exercise
/// results and metric records. Safe to call any number of times (the notebook setup cell and library code both do).
/// </summary>
public static class CourseFormatters
{
    private static int registered;

    /// <summary>Registers every course formatter with <see cref="Formatter"/> (once per process).</summary>
    public static void RegisterAll()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1) return;
        Formatter.Register<Tensor>(t => Bundle(TensorText.Format(t), TensorText.ToHtml(t)));
        Formatter.Register<ResultTable>(t => Bundle(t.ToText(), t.ToHtml()));
        Formatter.Register<ConfusionMatrix>(m => Bundle(m.ToString(), ConfusionHtml(m)));
        Formatter.Register<CheckResult>(r => new MimeBundle(new Dictionary<string, string>
        {
            ["text/plain"] = r.ToString(),
            ["text/html"] = r.ToHtml(),
            [CheckResult.MimeType] = r.ToJson(),
        }));
        Formatter.Register<PrecisionRecall>(p => Bundle(p.ToString(), $"<code>{Html.Encode(p.ToString())}</code>"));
        Formatter.Register<LatencyStats>(s => Bundle(s.ToString(), $"<code>{Html.Encode(s.ToString())}</code>"));
        Formatter.Register<TimingResult>(s => Bundle(s.ToString(), $"<code>{Html.Encode(s.ToString())}</code>"));
        Formatter.Register<MeanStd>(s => Bundle(s.ToString(), $"<code>{Html.Encode(s.ToString())}</code>"));
    }

    private static MimeBundle Bundle(string text, string html) =>
        new(new Dictionary<string, string> { ["text/plain"] = text, ["text/html"] = html });

    private static string ConfusionHtml(ConfusionMatrix m)
    {
        var rows = m.ToRows();
        int max = Math.Max(1, rows.SelectMany(r => r).DefaultIfEmpty(0).Max());
        var html = new System.Text.StringBuilder("<table class=\"course-confusion\"><tr><th>true \\ predicted</th>");
        foreach (var label in m.Labels) html.Append($"<th>{Html.Encode(label)}</th>");
        html.Append("</tr>");
        for (int r = 0; r < m.Classes; r++)
        {
            html.Append($"<tr><th>{Html.Encode(m.Labels[r])}</th>");
            for (int c = 0; c < m.Classes; c++)
            {
                // Shade by count so the diagonal and the big confusions stand out.
                double shade = (double)rows[r][c] / max;
                var color = r == c ? $"rgba(46,125,50,{shade:0.00})" : $"rgba(198,40,40,{shade:0.00})";
                html.Append($"<td style=\"text-align:right;background:{color}\">{rows[r][c]}</td>");
            }
            html.Append("</tr>");
        }
        return html.Append($"</table><div>accuracy {m.Accuracy * 100:0.00}% of {m.Total}</div>").ToString();
    }
}
