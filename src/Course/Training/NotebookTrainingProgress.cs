using System.Net;
using System.Text;
using Course.Hosting;

namespace Course.Training;

/// <summary>
/// Live progress in a notebook cell: one output, updated in place (by display id), showing the current epoch,
/// batch, loss, accuracy, throughput and ETA above a small table of finished epochs. Each snapshot also goes to the
/// host as <see cref="CellProgress"/>, for a progress display outside the cell (<c>course run</c> on a terminal).
/// </summary>
public sealed class NotebookTrainingProgress : IProgressReporter
{
    private DisplayHandle? handle;
    private TrainingProgress? current;
    private History? history;

    /// <inheritdoc />
    public void Report(TrainingProgress progress)
    {
        current = progress;
        Show();
        CellContext.Output?.Progress(progress.ToCellProgress());
    }

    /// <inheritdoc />
    public void EpochCompleted(History history)
    {
        this.history = history;
        Show();
    }

    /// <inheritdoc />
    public void Completed(History history)
    {
        this.history = history;
        current = null;
        Show();
    }

    private void Show()
    {
        var bundle = Render();
        if (handle is null) handle = Display.Show(bundle);
        else handle.Update(bundle);
    }

    private MimeBundle Render()
    {
        var html = new StringBuilder("<div class=\"course-progress\" style=\"font-family:monospace\">");
        var text = new StringBuilder();
        if (current is { } p)
        {
            html.Append($"<progress value=\"{p.Fraction:F3}\" max=\"1\" style=\"width:12em\"></progress> ")
                .Append(WebUtility.HtmlEncode(p.ToString()));
            text.AppendLine(p.ToString());
        }
        if (history is { Epochs.Count: > 0 })
        {
            bool classification = history.Loss.IsClassification;
            bool validated = history.Epochs[0].ValidationLoss is not null;
            html.Append("<table><tr><th>epoch</th><th>train loss</th>")
                .Append(classification ? "<th>train acc</th>" : "")
                .Append(validated ? "<th>val loss</th>" : "")
                .Append(validated && classification ? "<th>val acc</th>" : "")
                .Append("<th>samples/s</th><th>s</th></tr>");
            foreach (var e in history.Epochs)
            {
                html.Append($"<tr><td>{e.Epoch}</td><td>{e.TrainLoss:F4}</td>")
                    .Append(e.TrainAccuracy is { } ta ? $"<td>{ta:P2}</td>" : "")
                    .Append(e.ValidationLoss is { } vl ? $"<td>{vl:F4}</td>" : "")
                    .Append(e.ValidationAccuracy is { } va ? $"<td>{va:P2}</td>" : "")
                    .Append($"<td>{e.SamplesPerSecond:N0}</td><td>{e.Seconds:F1}</td></tr>");
            }
            html.Append("</table>");
            text.Append(history.ToString());
        }
        html.Append("</div>");
        return new MimeBundle(new Dictionary<string, string> { ["text/html"] = html.ToString(), ["text/plain"] = text.ToString() });
    }
}
